package io.captrack.learning;

import io.captrack.testkit.AccessMatrix;
import io.captrack.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** README's roles for learning-service, endpoint by endpoint, against its OpenAPI document. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=learning-service",
      "captrack.person-ref.secret=" + Learning.SECRET
    })
class AccessMatrixIntegrationTests {

  static final String MATRIX =
      """
      GET  /courses                               | learning viewer planner
      GET  /courses/{courseId}                    | learning viewer planner
      PUT  /courses/{courseId}                    | learning
      POST /enrolments                            | learning
      GET  /enrolments/{enrolmentId}              | learning viewer planner
      POST /enrolments/{enrolmentId}/void         | learning
      POST /completions                           | learning
      POST /credentials                           | learning
      GET  /credentials/{credentialId}            | learning viewer planner
      POST /credentials/{credentialId}/renewal    | learning
      POST /credentials/{credentialId}/revocation | learning
      POST /xapi/statements                       | learning
      GET  /actuator/health                       | open
      GET  /actuator/prometheus                   | operator
      """;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "learning-access-it");
  }

  @Test
  void everyEndpointAnswersOnlyItsRoles() {
    AccessMatrix.of(MATRIX).verify(port);
  }
}
