package io.captrack.partner;

import io.captrack.testkit.AccessMatrix;
import io.captrack.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** README's roles for partner-service, endpoint by endpoint, against its OpenAPI document. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=partner-service")
class AccessMatrixIntegrationTests {

  static final String MATRIX =
      """
      POST /partners                                                     | procurement
      GET  /partners                                                     | procurement viewer planner
      GET  /partners/{partnerId}                                         | procurement viewer planner
      GET  /partners/{partnerId}/history                                 | procurement viewer planner
      POST /partners/{partnerId}/status                                  | procurement
      POST /partners/{partnerId}/qualifications                          | procurement
      POST /partners/{partnerId}/qualifications/{qualificationId}/decision | procurement
      POST /partners/{partnerId}/agreements                              | procurement
      GET  /partners/{partnerId}/agreements/{agreementId}                | procurement viewer planner
      PUT  /partners/{partnerId}/agreements/{agreementId}                | procurement
      POST /partners/{partnerId}/agreements/{agreementId}/renewal        | procurement
      POST /partners/{partnerId}/agreements/{agreementId}/termination    | procurement
      GET  /actuator/health                                              | open
      GET  /actuator/prometheus                                          | operator
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "partner-access-it");
  }

  @Test
  void everyEndpointAnswersOnlyItsRoles() {
    AccessMatrix.of(MATRIX).verify(port);
  }
}
