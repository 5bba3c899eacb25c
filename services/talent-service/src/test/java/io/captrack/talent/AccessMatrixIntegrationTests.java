package io.captrack.talent;

import io.captrack.testkit.AccessMatrix;
import io.captrack.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** README's roles for talent-service, endpoint by endpoint, against its OpenAPI document. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=talent-service",
      "captrack.person-ref.secret=" + TalentLifecycleIntegrationTests.SECRET
    })
class AccessMatrixIntegrationTests {

  static final String MATRIX =
      """
      POST   /hires                                | hr
      POST   /hires/import                         | hr
      POST   /redeployments                        | hr
      POST   /separations                          | hr
      POST   /assessments                          | hr
      POST   /requisitions                         | hr
      GET    /requisitions/{requisitionId}         | hr viewer planner
      POST   /requisitions/{requisitionId}/closure | hr
      GET    /people/{hrId}                        | hr
      DELETE /people/{hrId}                        | hr
      GET    /actuator/health                      | open
      GET    /actuator/prometheus                  | operator
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "talent-access-it");
  }

  @Test
  void everyEndpointAnswersOnlyItsRoles() {
    AccessMatrix.of(MATRIX).verify(port);
  }
}
