package io.captrack.partner;

import static io.captrack.partner.PartnerClient.JSON;
import static io.captrack.partner.PartnerClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The bad-input corpus: every case gets a 4xx problem, stores nothing (no partner, no new version)
 * and publishes nothing (no new outbox entry, no new event on the topic).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=partner-service")
class PartnerBadInputIntegrationTests {

  private static final String BIG = "x".repeat(70_000);

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "partner-bad-it");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          malformed JSON               | POST | /partners                      | {"name":                                   |                      | 400 | unreadable-body
          missing name                 | POST | /partners                      | {"erpSupplierNumber":"S1"}                 |                      | 400 | invalid-request
          name of the wrong type       | POST | /partners                      | {"name":{"first":"x"}}                     |                      | 400 | unreadable-body
          unknown capability           | POST | {p}/agreements                 | {"capabilities":["data.nope"],"capacityFte":1,"effectiveFrom":"2026-01-01"} | | 422 | unknown-capability
          end before start             | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2026-03-01","effectiveTo":"2026-02-01"} | | 422 | invalid-period
          negative FTE                 | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":-0.5,"effectiveFrom":"2026-01-01"} | | 400 | invalid-request
          FTE of the wrong type        | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":"lots","effectiveFrom":"2026-01-01"} | | 400 | unreadable-body
          empty capabilities           | POST | {p}/agreements                 | {"capabilities":[],"capacityFte":1,"effectiveFrom":"2026-01-01"} | | 400 | invalid-request
          date not a date              | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"01/02/2026"} | | 400 | unreadable-body
          date out of range            | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2300-01-01"} | | 422 | date-out-of-range
          bad currency                 | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2026-01-01","value":{"amount":1,"currency":"euro"}} | | 400 | invalid-request
          duplicate agreement id       | POST | {p}/agreements                 | {"agreementId":"a-x","capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2026-01-01"} | | 409 | duplicate-agreement
          oversized body               | POST | {p}/agreements                 | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2026-01-01","pad":"{big}"} | | 413 | body-too-large
          amendment before the start   | PUT  | {p}/agreements/a-x             | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2025-06-01"} | | 422 | invalid-period
          amend an unknown agreement   | PUT  | {p}/agreements/a-nope          | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2026-06-01"} | | 404 | not-found
          renewal ending earlier       | POST | {p}/agreements/a-x/renewal     | {"effectiveTo":"2026-06-01"}               |                      | 422 | invalid-period
          termination after the end    | POST | {p}/agreements/a-x/termination | {"effectiveOn":"2027-06-01"}               |                      | 422 | invalid-period
          unknown status               | POST | {p}/status                     | {"status":"PAUSED"}                        |                      | 400 | unreadable-body
          illegal transition           | POST | {p}/status                     | {"status":"ONBOARDING"}                    |                      | 409 | illegal-transition
          unknown qualification        | POST | {p}/qualifications/q-nope/decision | {"status":"QUALIFIED","validUntil":"2027-01-01"} | as=carol | 404 | not-found
          decision without a token     | POST | {p}/qualifications/{q}/decision | {"status":"DISQUALIFIED"}                 | as=                  | 401 | unauthenticated
          decision with a bad token    | POST | {p}/qualifications/{q}/decision | {"status":"DISQUALIFIED"}                 | Authorization=Bearer x.y.z | 401 | unauthenticated
          decision by a viewer         | POST | {p}/qualifications/{q}/decision | {"status":"DISQUALIFIED"}                 | viewer=vera          | 403 | forbidden
          qualified without validity   | POST | {p}/qualifications/{q}/decision | {"status":"QUALIFIED"}                    | as=carol | 422 | validity-required
          unknown qualification status | POST | {p}/qualifications/{q}/decision | {"status":"GREAT","validUntil":"2027-01-01"} | as=carol | 400 | unreadable-body
          If-Match that is no ETag     | POST | {p}/status                     | {"status":"ON_HOLD"}                       | If-Match=yesterday   | 400 | invalid-if-match
          stale If-Match               | POST | {p}/status                     | {"status":"ON_HOLD"}                       | If-Match="1"         | 412 | stale-version
          Idempotency-Key too long     | POST | {p}/status                     | {"status":"ON_HOLD"}                       | Idempotency-Key={big} | 400 | invalid-idempotency-key
          unknown partner              | POST | /partners/p-nope/status        | {"status":"ON_HOLD"}                       |                      | 404 | not-found
          """)
  void badInputGetsAProblemAndChangesNothing(
      String name,
      String method,
      String path,
      String body,
      String header,
      int status,
      String type) {
    PartnerClient client = new PartnerClient(port);
    String partnerId = client.active("Corpus " + name, "data.ml");
    ok(
        client.http.post(
            "/partners/" + partnerId + "/agreements",
            "{\"agreementId\":\"a-x\",\"capabilities\":[\"data.ml\"],\"capacityFte\":1,"
                + "\"effectiveFrom\":\"2026-01-01\",\"effectiveTo\":\"2027-01-01\"}"),
        201);
    JsonNode before = client.partner(partnerId);
    String qualificationId = before.get("qualifications").get(0).get("qualificationId").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PartnerClient.published(partnerId).size() == 5);
    long partners = database.getCollection("partners").countDocuments();

    Map<String, String> headers = new HashMap<>();
    HttpJson caller = client.http;
    if (header != null) {
      String[] kv = header.split("=", 2);
      switch (kv[0]) {
        case "as" ->
            caller = kv[1].isEmpty() ? HttpJson.local(port) : caller.as(kv[1], "procurement");
        case "viewer" -> caller = caller.as(kv[1], "viewer");
        default -> headers.put(kv[0], kv[1].replace("{big}", "k".repeat(300)));
      }
    }
    HttpResponse<String> response =
        caller.send(
            method,
            path.replace("{p}", "/partners/" + partnerId).replace("{q}", qualificationId),
            "application/json",
            body.replace("{big}", BIG),
            headers);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo("https://captrack.io/problems/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("detail").asString()).isNotBlank();

    assertThat(database.getCollection("partners").countDocuments()).isEqualTo(partners);
    Document stored =
        database.getCollection("partners").find(new Document("_id", partnerId)).first();
    assertThat(stored.get("version", Number.class).longValue())
        .isEqualTo(before.get("version").asLong());
    assertThat(stored.getList("outbox", Document.class, List.of())).as("events waiting").isEmpty();
    assertThat(PartnerClient.published(partnerId)).hasSize(5);
  }
}
