package io.captrack.projector;

import io.captrack.testkit.AccessMatrix;
import io.captrack.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * README's roles for the projector's operator port, endpoint by endpoint, against its OpenAPI
 * document. Its own database and consumer group: the probes start a real rebuild.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-access-it"
    })
class AccessMatrixIntegrationTests {

  static final String MATRIX =
      """
      GET    /read-model                           | operator
      POST   /read-model/rebuild                   | operator
      POST   /read-model/switch                    | operator
      DELETE /read-model/generations/{generation}  | operator
      GET    /dead-letters/{topic}                 | operator
      POST   /dead-letters/{topic}/redrive         | operator
      GET    /actuator/health                      | open
      GET    /actuator/prometheus                  | operator
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-access-it");
  }

  @Test
  void everyEndpointAnswersOnlyItsRoles() {
    AccessMatrix.of(MATRIX).verify(port);
  }
}
