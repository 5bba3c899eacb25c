package io.captrack.partner;

import static io.captrack.partner.PartnerClient.ALICE;
import static io.captrack.partner.PartnerClient.BOB;
import static io.captrack.partner.PartnerClient.JSON;
import static io.captrack.partner.PartnerClient.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=partner-service")
class PartnerLifecycleIntegrationTests {

  @LocalServerPort int port;
  PartnerClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "partner-it");
  }

  @BeforeEach
  void client() {
    client = new PartnerClient(port);
  }

  @Test
  void onboardingQualificationAndAgreementLifecyclePublishEveryEventInOrder() {
    String partnerId = client.register("Acme Digital Ltd");
    JsonNode opened =
        ok(
            client.http.post(
                "/partners/" + partnerId + "/qualifications",
                "{\"capabilities\":[\"exp.ux_designer\"]}"),
            201);
    String q = opened.get("qualifications").get(0).get("qualificationId").asString();
    String decision = "/partners/" + partnerId + "/qualifications/" + q + "/decision";
    String approve =
        "{\"status\":\"QUALIFIED\",\"validFrom\":\"2026-01-10\",\"validUntil\":\"2027-01-09\"}";

    HttpResponse<String> selfApproved = client.http.post(decision, approve);
    assertThat(selfApproved.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(selfApproved.body()).get("type").asString()).endsWith("/four-eyes");
    HttpResponse<String> sameSubjectOtherCase =
        HttpJson.local(port)
            .as(ALICE.toUpperCase(Locale.ROOT), "procurement")
            .post(decision, approve);
    assertThat(sameSubjectOtherCase.statusCode()).isEqualTo(403);
    ok(client.bob.post(decision, approve), 200);
    ok(
        client.http.post(
            "/partners/" + partnerId + "/status",
            "{\"status\":\"ACTIVE\",\"effectiveOn\":\"2026-01-15\"}",
            Map.of()),
        200);

    String agreements = "/partners/" + partnerId + "/agreements";
    ok(
        client.http.post(
            agreements,
            """
            {"agreementId":"a-acme-1","capabilities":["exp.ux_designer"],"capacityFte":2.5,
             "value":{"amount":120000,"currency":"EUR"},"effectiveFrom":"2025-12-01","effectiveTo":"2027-01-01","noticeDays":30}
            """,
            Map.of()),
        201);
    JsonNode amended =
        ok(
            client.http.put(
                agreements + "/a-acme-1",
                """
                {"capabilities":["exp.ux_designer","exp.frontend_dev"],"capacityFte":3.5,
                 "effectiveFrom":"2026-04-01","effectiveTo":"2027-01-01","noticeDays":30}
                """,
                Map.of()),
            200);
    assertThat(amended.get("effectiveFrom").asString()).isEqualTo("2025-12-01");
    assertThat(amended.get("amendments").asInt()).isEqualTo(1);
    ok(
        client.http.post(
            agreements + "/a-acme-1/renewal", "{\"effectiveTo\":\"2028-01-01\"}", Map.of()),
        200);
    JsonNode ended =
        ok(
            client.http.post(
                agreements + "/a-acme-1/termination",
                "{\"effectiveOn\":\"2026-09-01\",\"reason\":\"budget\"}",
                Map.of()),
            200);
    assertThat(ended.get("terminatedOn").asString()).isEqualTo("2026-09-01");

    List<String> expected =
        List.of(
            EventTypes.PARTNER_REGISTERED.name(),
            EventTypes.PARTNER_QUALIFICATION_CHANGED.name(),
            EventTypes.PARTNER_QUALIFICATION_CHANGED.name(),
            EventTypes.PARTNER_STATUS_CHANGED.name(),
            EventTypes.PARTNER_AGREEMENT_SIGNED.name(),
            EventTypes.PARTNER_AGREEMENT_AMENDED.name(),
            EventTypes.PARTNER_AGREEMENT_RENEWED.name(),
            EventTypes.PARTNER_AGREEMENT_TERMINATED.name());
    List<CloudEvent<?>> events =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> PartnerClient.published(partnerId), l -> l.size() >= 8);
    assertThat(events).extracting(e -> e.type().name()).containsExactlyElementsOf(expected);
    CloudEvent<?> signed = events.get(4);
    assertThat(signed.time().toLocalDate()).isEqualTo(LocalDate.of(2025, 12, 1));
    assertThat(signed.recordedAt()).isAfter(signed.time().toInstant());
    assertThat(((PartnerAgreementSigned) signed.data()).value().currency()).isEqualTo("EUR");
    assertThat(((PartnerAgreementAmended) events.get(5).data()).capabilities()).hasSize(2);

    JsonNode history = ok(client.http.get("/partners/" + partnerId + "/history"), 200);
    assertThat(history.valueStream().map(h -> h.get("type").asString()))
        .containsExactlyElementsOf(expected);
    assertThat(history.get(2).get("actor").asString()).isEqualTo(BOB);
    assertThat(client.partner(partnerId).get("version").asLong()).isEqualTo(8);
  }

  @Test
  void aDuplicateRegistrationPointsToTheExistingPartner() {
    String erp = "SUP-" + System.nanoTime();
    String body = "{\"name\":\"First\",\"erpSupplierNumber\":\"" + erp + "\"}";
    String first = ok(client.http.post("/partners", body), 201).get("partnerId").asString();

    HttpResponse<String> again = client.http.post("/partners", body.replace("First", "Second"));

    assertThat(again.statusCode()).isEqualTo(409);
    JsonNode problem = JSON.readTree(again.body());
    assertThat(problem.get("existingPartnerId").asString()).isEqualTo(first);
    assertThat(problem.get("existingPartner").asString()).isEqualTo("/partners/" + first);
  }

  @Test
  void aStaleIfMatchIs412AndLosesNothing() {
    String partnerId = client.active("Stale Co", "data.ml");
    HttpResponse<String> current = client.http.get("/partners/" + partnerId);
    String etag = current.headers().firstValue("ETag").orElseThrow();
    String terms =
        "{\"capabilities\":[\"data.ml\"],\"capacityFte\":1,\"effectiveFrom\":\"2026-01-01\"}";

    HttpResponse<String> first =
        client.http.post("/partners/" + partnerId + "/agreements", terms, Map.of("If-Match", etag));
    HttpResponse<String> second =
        client.http.post("/partners/" + partnerId + "/agreements", terms, Map.of("If-Match", etag));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
    assertThat(second.statusCode()).isEqualTo(412);
    assertThat(client.partner(partnerId).get("agreements").size()).isEqualTo(1);
  }

  @Test
  void aRetriedPostWithTheSameIdempotencyKeyRunsOnce() {
    String key = "reg-" + System.nanoTime();
    String body = "{\"name\":\"Retry Ltd\"}";
    HttpResponse<String> first =
        client.http.post("/partners", body, Map.of("Idempotency-Key", key));
    HttpResponse<String> retry =
        client.http.post("/partners", body, Map.of("Idempotency-Key", key));
    HttpResponse<String> misuse =
        client.http.post("/partners", "{\"name\":\"Other\"}", Map.of("Idempotency-Key", key));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(retry.headers().firstValue("Location"))
        .isEqualTo(first.headers().firstValue("Location"));
    assertThat(misuse.statusCode()).isEqualTo(422);
    String partnerId = JSON.readTree(first.body()).get("partnerId").asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> PartnerClient.published(partnerId).size() == 1);
    long registrations = client.partnersNamed("Retry Ltd");
    assertThat(registrations).isEqualTo(1);
  }

  @Test
  void theServiceDescribesItsApiAndExposesOutboxMetrics() {
    JsonNode openApi = ok(client.http.get("/v3/api-docs"), 200);
    assertThat(openApi.get("paths").propertyNames())
        .contains(
            "/partners",
            "/partners/{partnerId}/agreements",
            "/partners/{partnerId}/qualifications/{qualificationId}/decision",
            "/partners/{partnerId}/status");
    HttpResponse<String> metrics =
        HttpJson.local(port).as("otto@operations", "operator").get("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("captrack_outbox_pending")
        .contains("captrack_outbox_oldest_pending_age_seconds");
  }
}
