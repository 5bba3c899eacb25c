package io.captrack.learning;

import static io.captrack.learning.Learning.events;
import static io.captrack.learning.Learning.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.math.BigDecimal;
import java.time.Duration;
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
class XapiIntegrationTests {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "learning-xapi-it");
  }

  @Test
  void statementsBecomeCompletionsAndVoidsOnceEach() {
    HttpJson http = HttpJson.local(port).as("leo@learning", "learning");
    ok(
        http.put(
            "/courses/seo-101",
            "{\"title\":\"SEO\",\"capabilityId\":\"mkt.digital_media\",\"levelAwarded\":3}",
            Map.of()),
        200);
    String passed = UUID.randomUUID().toString();
    String failed = UUID.randomUUID().toString();
    String viaMail = UUID.randomUUID().toString();
    String experienced = UUID.randomUUID().toString();
    String batch =
        "["
            + statement(
                passed,
                "passed",
                "{\"objectType\":\"Agent\",\"account\":{\"homePage\":\"https://hr.example.com\",\"name\":\"HR-31\"}}",
                "\"result\":{\"score\":{\"scaled\":0.875}}")
            + ","
            + statement(
                failed,
                "failed",
                "{\"account\":{\"homePage\":\"https://hr.example.com\",\"name\":\"HR-32\"}}",
                "\"result\":{\"score\":{\"raw\":12,\"min\":0,\"max\":40}}")
            + ","
            + statement(
                viaMail, "completed", "{\"mbox\":\"mailto:someone@example.com\"}", "\"result\":{}")
            + ","
            + statement(
                experienced,
                "experienced",
                "{\"account\":{\"homePage\":\"https://hr.example.com\",\"name\":\"HR-31\"}}",
                "\"result\":{}")
            + "]";

    JsonNode outcomes = ok(http.post("/xapi/statements", batch), 200);
    JsonNode again = ok(http.post("/xapi/statements", batch), 200);

    assertThat(outcomes.valueStream().map(o -> o.get("outcome").asString()))
        .containsExactly("RECORDED", "RECORDED", "REJECTED", "IGNORED");
    assertThat(outcomes.get(2).get("reason").asString()).contains("account.name");
    assertThat(again.valueStream().map(o -> o.get("outcome").asString()))
        .containsExactly("DUPLICATE", "DUPLICATE", "REJECTED", "DUPLICATE");

    List<CloudEvent<?>> passedEvents =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> events("x-" + passed), l -> !l.isEmpty());
    TrainingCompleted completion = (TrainingCompleted) passedEvents.get(0).data();
    assertThat(completion.personRef()).isEqualTo(new PersonRefs(Learning.SECRET).of("HR-31"));
    assertThat(completion.courseId()).isEqualTo("seo-101");
    assertThat(completion.levelAwarded()).isEqualTo(3);
    assertThat(completion.score()).isEqualByComparingTo(new BigDecimal("87.5"));
    assertThat(completion.completedOn()).hasToString("2026-03-15");
    TrainingCompleted failure =
        (TrainingCompleted)
            await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> events("x-" + failed), l -> !l.isEmpty())
                .get(0)
                .data();
    assertThat(failure.success()).isFalse();
    assertThat(failure.levelAwarded()).isNull();
    assertThat(failure.score()).isEqualByComparingTo("30");

    String voiding = UUID.randomUUID().toString();
    JsonNode voided =
        ok(
            http.post(
                "/xapi/statements",
                """
                {"id":"%s","actor":{"account":{"homePage":"https://lrs.example.com","name":"admin"}},
                 "verb":{"id":"http://adlnet.gov/expapi/verbs/voided"},
                 "object":{"objectType":"StatementRef","id":"%s"}}
                """
                    .formatted(voiding, passed)),
            200);
    assertThat(voided.get(0).get("outcome").asString()).isEqualTo("RECORDED");
    List<CloudEvent<?>> events =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> events("x-" + passed), l -> l.size() >= 2);
    assertThat(events.get(1).type()).isEqualTo(EventTypes.LEARNING_EVENT_VOIDED);
    assertThat(((EventVoided) events.get(1).data()).voidedEventId()).isEqualTo(events.get(0).id());
  }

  private static String statement(String id, String verb, String actor, String result) {
    return """
        {"id":"%s","actor":%s,"verb":{"id":"http://adlnet.gov/expapi/verbs/%s"},
         "object":{"objectType":"Activity","id":"https://lms.example.com/courses/seo-101"},
         %s,"timestamp":"2026-03-15T10:00:00+02:00"}
        """
        .formatted(id, actor, verb, result);
  }
}
