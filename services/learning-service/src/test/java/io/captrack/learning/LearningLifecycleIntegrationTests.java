package io.captrack.learning;

import static io.captrack.learning.Learning.events;
import static io.captrack.learning.Learning.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=learning-service",
      "captrack.person-ref.secret=" + Learning.SECRET
    })
class LearningLifecycleIntegrationTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "learning-it");
  }

  @Test
  void aMappedCourseAwardsItsLevelOnCompletionAndAVoidFollowsIt() {
    HttpJson http = HttpJson.local(port).as("leo@learning", "learning");
    ok(
        http.put(
            "/courses/k8s-201",
            "{\"title\":\"Kubernetes\",\"capabilityId\":\"build.devops\",\"levelAwarded\":4}",
            Map.of()),
        200);
    String enrolment = "e-" + UUID.randomUUID();
    ok(
        http.post(
            "/enrolments",
            "{\"enrolmentId\":\"%s\",\"hrId\":\"HR-7\",\"courseId\":\"k8s-201\",\"enrolledOn\":\"2026-02-01\",\"expectedCompletion\":\"2026-03-01\"}"
                .formatted(enrolment)),
        201);
    JsonNode completed =
        ok(
            http.post(
                "/completions",
                "{\"enrolmentId\":\"%s\",\"hrId\":\"HR-7\",\"courseId\":\"k8s-201\",\"success\":true,\"score\":92,\"completedOn\":\"2026-02-27\"}"
                    .formatted(enrolment)),
            201);
    ok(
        http.post(
            "/completions",
            "{\"enrolmentId\":\"%s\",\"hrId\":\"HR-7\",\"courseId\":\"k8s-201\",\"success\":true,\"completedOn\":\"2026-02-28\"}"
                .formatted(enrolment)),
        409);
    ok(
        http.post(
            "/enrolments/" + enrolment + "/void", "{\"reason\":\"entered for the wrong person\"}"),
        200);

    List<CloudEvent<?>> events =
        await().atMost(Duration.ofSeconds(30)).until(() -> events(enrolment), l -> l.size() >= 3);
    assertThat(events)
        .extracting(e -> e.type().name())
        .containsExactly(
            EventTypes.TRAINING_ENROLLED.name(),
            EventTypes.TRAINING_COMPLETED.name(),
            EventTypes.LEARNING_EVENT_VOIDED.name());
    TrainingCompleted done = (TrainingCompleted) events.get(1).data();
    assertThat(done.capabilityId()).isEqualTo("build.devops");
    assertThat(done.levelAwarded()).isEqualTo(4);
    assertThat(done.personRef()).isEqualTo(new PersonRefs(Learning.SECRET).of("HR-7"));
    assertThat(events.get(1).id()).isEqualTo(completed.get("eventId").asString());
    assertThat(((EventVoided) events.get(2).data()).voidedEventId()).isEqualTo(events.get(1).id());
    // keyed by the person, so that the projector finds them with the person's talent events
    assertThat(Learning.keys(enrolment))
        .hasSize(3)
        .containsOnly(new PersonRefs(Learning.SECRET).of("HR-7"));
    assertThat(events).extracting(CloudEvent::partitionKey).containsOnly(done.personRef());
  }

  @Test
  void theServiceDescribesItsApi() {
    JsonNode openApi = ok(HttpJson.local(port).get("/v3/api-docs"), 200);
    assertThat(openApi.get("paths").propertyNames())
        .contains(
            "/courses/{courseId}",
            "/enrolments",
            "/completions",
            "/enrolments/{enrolmentId}/void",
            "/credentials",
            "/credentials/{credentialId}/renewal",
            "/credentials/{credentialId}/revocation",
            "/xapi/statements");
  }

  @Test
  void credentialsAreIssuedRenewedAndRevokedWithTheirValidity() {
    HttpJson http = HttpJson.local(port).as("leo@learning", "learning");
    String id = "cr-" + UUID.randomUUID();
    ok(
        http.post(
            "/credentials",
            """
            {"credentialId":"%s","hrId":"HR-9","capabilityId":"build.devops","level":4,"name":"CKA",
             "issuer":"CNCF","issuedOn":"2026-01-10","validUntil":"2028-01-09"}
            """
                .formatted(id)),
        201);
    ok(
        http.post(
            "/credentials/" + id + "/renewal",
            "{\"renewedOn\":\"2027-12-01\",\"validUntil\":\"2027-06-01\"}"),
        422);
    ok(
        http.post(
            "/credentials/" + id + "/renewal",
            "{\"renewedOn\":\"2027-12-01\",\"validUntil\":\"2030-01-09\"}"),
        200);
    ok(
        http.post(
            "/credentials/" + id + "/revocation",
            "{\"revokedOn\":\"2028-02-01\",\"reason\":\"exam fraud\"}"),
        200);
    ok(http.post("/credentials/" + id + "/renewal", "{\"validUntil\":\"2032-01-09\"}"), 409);

    List<CloudEvent<?>> events =
        await().atMost(Duration.ofSeconds(30)).until(() -> events(id), l -> l.size() >= 3);
    assertThat(events)
        .extracting(e -> e.type().name())
        .containsExactly(
            EventTypes.CREDENTIAL_ISSUED.name(),
            EventTypes.CREDENTIAL_RENEWED.name(),
            EventTypes.CREDENTIAL_REVOKED.name());
    CredentialRenewed renewed = (CredentialRenewed) events.get(1).data();
    assertThat(renewed.previousValidUntil()).isEqualTo(LocalDate.of(2028, 1, 9));
    assertThat(renewed.validUntil()).isEqualTo(LocalDate.of(2030, 1, 9));
  }
}
