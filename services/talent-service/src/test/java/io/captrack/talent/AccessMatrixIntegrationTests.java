package io.captrack.talent;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.testkit.AccessMatrix;
import io.captrack.testkit.LocalIssuer;
import io.captrack.testkit.TestInfrastructure;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * README's roles for talent-service, endpoint by endpoint, against its OpenAPI document; and what
 * every service's security does before the roles: tokens remembered, the firewall's header check.
 */
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

  /** README's Security: a token is checked once, then remembered until its expiry. */
  @Test
  void aTokenSentAgainIsNotCheckedAgain() throws Exception {
    String token = LocalIssuer.shared().token("operator-" + UUID.randomUUID(), "operator");
    String first = prometheus(token);
    prometheus(token);
    String third = prometheus(token);

    assertThat(tokens(third, "verified")).isEqualTo(tokens(first, "verified"));
    assertThat(tokens(third, "remembered") - tokens(first, "remembered")).isEqualTo(2);
  }

  /**
   * The firewall refuses a header holding a control character (400), before the token is read as a
   * token (which would be 401): U+0085, which Tomcat passes on as header text.
   */
  @Test
  void aHeaderWithAControlCharacterIsRefusedByTheFirewall() throws Exception {
    String token = LocalIssuer.shared().token("operator-1", "operator");
    assertThat(statusOf(token)).isEqualTo(200);
    assertThat(statusOf(token + "\u0085")).isEqualTo(400);
  }

  private String prometheus(String token) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static long tokens(String prometheus, String result) {
    return prometheus
        .lines()
        .filter(
            l ->
                l.startsWith("captrack_security_tokens_total{")
                    && l.contains("result=\"" + result + "\""))
        .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  /** GET /actuator/prometheus over a plain socket, the header's bytes as ISO-8859-1. */
  private int statusOf(String token) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request =
          "GET /actuator/prometheus HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
              + token
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      BufferedReader answer =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String statusLine = answer.readLine();
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }
}
