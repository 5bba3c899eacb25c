package io.captrack.api;

import io.captrack.testkit.AccessMatrix;
import io.captrack.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** README's roles for capability-api, endpoint by endpoint, against its OpenAPI document. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=capability-api")
class AccessMatrixIntegrationTests {

  static final String MATRIX =
      """
      GET  /capabilities                          | viewer planner
      GET  /capabilities/{capabilityId}           | viewer planner
      GET  /capabilities/{capabilityId}/flows     | viewer planner
      GET  /capabilities/{capabilityId}/series    | viewer planner
      GET  /capabilities/changes                  | viewer planner
      POST /capabilities/{capabilityId}/targets   | planner
      POST /corrections                           | planner
      GET  /areas                                 | viewer planner
      GET  /areas/{areaId}/series                 | viewer planner
      GET  /expiries                              | viewer planner
      GET  /people/{personRef}/profile            | viewer planner
      GET  /partners/{partnerId}/profile          | viewer planner
      GET  /actuator/health                       | open
      GET  /actuator/prometheus                   | operator
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "api-access-it");
  }

  @Test
  void everyEndpointAnswersOnlyItsRoles() {
    AccessMatrix.of(MATRIX).verify(port);
  }
}
