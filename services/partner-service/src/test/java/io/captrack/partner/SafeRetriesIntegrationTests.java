package io.captrack.partner;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.testkit.TestInfrastructure;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Safe retries when things go wrong on the server's side: a key left RUNNING by a crash, a server
 * error after the command was committed, and a chunked body that never says how long it is.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=partner-service", "captrack.web.idempotency-lease=30s"})
class SafeRetriesIntegrationTests {

  /** A request with this header fails with a 500 after its command has been committed. */
  static final String FAIL_AFTER_COMMIT = "X-Test-Fail-After-Commit";

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "partner-retries-it");
  }

  @TestConfiguration
  static class FailingAfterCommit {
    /** Runs inside the idempotency filter: turns a committed command's answer into a 500. */
    @Bean
    FilterRegistrationBean<Filter> failAfterCommit() {
      FilterRegistrationBean<Filter> registration =
          new FilterRegistrationBean<>(
              (request, response, chain) -> {
                chain.doFilter(request, response);
                if (((HttpServletRequest) request).getHeader(FAIL_AFTER_COMMIT) != null) {
                  response.resetBuffer();
                  ((HttpServletResponse) response).setStatus(500);
                  response.getOutputStream().write("{}".getBytes(StandardCharsets.UTF_8));
                }
              });
      // innermost: inside the idempotency filter, as a failure in the command would be
      registration.setOrder(Ordered.LOWEST_PRECEDENCE);
      return registration;
    }
  }

  @Test
  void aKeyLeftRunningByACrashIsTakenOverOnceItsLeaseRunsOut() throws Exception {
    PartnerClient client = new PartnerClient(port);
    String partnerId = client.active("Lease Ltd", "data.ml");
    String path = "/partners/" + partnerId + "/agreements";
    String body =
        "{\"capabilities\":[\"data.ml\"],\"capacityFte\":1,\"effectiveFrom\":\"2026-01-01\"}";
    // what a request that crashed while running leaves behind: its key, RUNNING
    for (var key : Map.of("k-live-" + partnerId, 60, "k-dead-" + partnerId, -1).entrySet()) {
      database
          .getCollection("idempotency_keys")
          .insertOne(
              new Document("_id", PartnerClient.ALICE + "\n" + key.getKey())
                  .append("fingerprint", fingerprint("POST", path, body))
                  .append("state", "RUNNING")
                  .append("createdAt", Date.from(Instant.now()))
                  .append("leaseUntil", Date.from(Instant.now().plusSeconds(key.getValue()))));
    }

    HttpResponse<String> running =
        client.http.post(path, body, Map.of("Idempotency-Key", "k-live-" + partnerId));
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(running.headers().firstValue("Retry-After")).isPresent();

    HttpResponse<String> takenOver =
        client.http.post(path, body, Map.of("Idempotency-Key", "k-dead-" + partnerId));
    assertThat(takenOver.statusCode()).as(takenOver.body()).isEqualTo(201);
    HttpResponse<String> replayed =
        client.http.post(path, body, Map.of("Idempotency-Key", "k-dead-" + partnerId));
    assertThat(replayed.statusCode()).isEqualTo(201);
    assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(client.partner(partnerId).get("agreements")).hasSize(1);
  }

  @Test
  void aKeyBelongsToTheCallerWhoSentIt() {
    PartnerClient client = new PartnerClient(port);
    String partnerId = client.active("Two Callers Ltd", "data.ml");
    String path = "/partners/" + partnerId + "/agreements";
    String body =
        "{\"capabilities\":[\"data.ml\"],\"capacityFte\":1,\"effectiveFrom\":\"2026-01-01\"}";
    Map<String, String> key = Map.of("Idempotency-Key", "k-shared-" + partnerId);

    assertThat(client.http.post(path, body, key).statusCode()).isEqualTo(201);
    HttpResponse<String> bobs = client.bob.post(path, body, key);

    assertThat(bobs.statusCode()).isEqualTo(201);
    assertThat(bobs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(client.partner(partnerId).get("agreements")).hasSize(2);
  }

  @Test
  void aServerErrorAfterACommittedWriteIsRememberedSoARetryDoesNotRunTwice() {
    PartnerClient client = new PartnerClient(port);
    String partnerId = client.active("Committed Ltd", "data.ml");
    String path = "/partners/" + partnerId + "/agreements";
    String body =
        "{\"capabilities\":[\"data.ml\"],\"capacityFte\":2,\"effectiveFrom\":\"2026-01-01\"}";
    String key = "k-committed-" + partnerId;

    HttpResponse<String> failed =
        client.http.post(path, body, Map.of("Idempotency-Key", key, FAIL_AFTER_COMMIT, "yes"));
    assertThat(failed.statusCode()).isEqualTo(500);
    HttpResponse<String> retried = client.http.post(path, body, Map.of("Idempotency-Key", key));

    assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(retried.headers().firstValue("Captrack-Committed")).hasValue("true");
    JsonNode agreements = client.partner(partnerId).get("agreements");
    assertThat(agreements).as("the command ran once").hasSize(1);
  }

  @Test
  void aChunkedBodyOverTheLimitGets413() throws Exception {
    long partners = database.getCollection("partners").countDocuments();
    byte[] body =
        ("{\"name\":\"Chunky Ltd\",\"pad\":\"" + "x".repeat(100_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/partners"))
            .header("Content-Type", "application/json")
            .header(
                "Authorization", new PartnerClient(port).http.authorization().get("Authorization"))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(CloudEventCodec.defaultMapper().readTree(response.body()).get("type").asString())
        .endsWith("/body-too-large");
    assertThat(database.getCollection("partners").countDocuments()).isEqualTo(partners);
  }

  /** The request's fingerprint as the filter keeps it: method, path and body, hashed. */
  private static String fingerprint(String method, String path, String body) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update(body.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha.digest());
  }
}
