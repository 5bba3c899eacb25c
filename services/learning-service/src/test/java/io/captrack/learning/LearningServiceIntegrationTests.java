package io.captrack.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topics;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=learning-service",
      "captrack.person-ref.secret=learning-test-secret-0123456789"
    })
class LearningServiceIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "learning-it");
  }

  @Test
  void completionIsPublishedOnceAndARepeatIsAConflict() {
    String enrolmentId = "e-" + UUID.randomUUID();
    String body =
        """
        {"enrolmentId":"%s","hrId":"HR-7","courseId":"c-seo-101","capabilityId":"mkt.digital_media",
         "success":true,"score":87.5,"levelAwarded":3,"completedOn":"2026-03-15"}
        """
            .formatted(enrolmentId);
    HttpJson http = HttpJson.local(port);

    assertThat(http.post("/completions", body).statusCode()).isEqualTo(201);
    HttpResponse<String> again = http.post("/completions", body);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).get("type").asString())
        .isEqualTo("https://captrack.io/problems/duplicate-enrolment");

    List<CloudEvent<?>> events =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> eventsOf(enrolmentId), list -> !list.isEmpty());
    assertThat(events).hasSize(1);
    assertThat(events.get(0).type()).isEqualTo(EventTypes.TRAINING_COMPLETED);
    TrainingCompleted completed = (TrainingCompleted) events.get(0).data();
    assertThat(completed.personRef())
        .isEqualTo(new PersonRefs("learning-test-secret-0123456789").of("HR-7"));
    assertThat(completed.levelAwarded()).isEqualTo(3);
    assertThat(completed.score()).isEqualByComparingTo(new BigDecimal("87.5"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          score over 100      | {"enrolmentId":"bad-1","hrId":"HR-1","courseId":"c","capabilityId":"data.ml","success":true,"score":101,"completedOn":"2026-01-01"} | 400 | invalid-request
          bad date            | {"enrolmentId":"bad-1","hrId":"HR-1","courseId":"c","capabilityId":"data.ml","success":true,"completedOn":"2026-13-01"} | 400 | unreadable-body
          unknown capability  | {"enrolmentId":"bad-1","hrId":"HR-1","courseId":"c","capabilityId":"x.y","success":true,"completedOn":"2026-01-01"} | 422 | unknown-capability
          level without pass  | {"enrolmentId":"bad-1","hrId":"HR-1","courseId":"c","capabilityId":"data.ml","success":false,"levelAwarded":2,"completedOn":"2026-01-01"} | 422 | level-without-success
          """)
  void badCompletionGetsAProblem(String name, String body, int status, String type) {
    HttpResponse<String> response = HttpJson.local(port).post("/completions", body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(JSON.readTree(response.body()).get("type").asString())
        .isEqualTo("https://captrack.io/problems/" + type);
    assertThat(eventsOf("bad-1")).isEmpty();
  }

  private static List<CloudEvent<?>> eventsOf(String enrolmentId) {
    CloudEventCodec codec = new CloudEventCodec();
    return TopicReader.readAll(
            TestInfrastructure.shared().bootstrapServers(), Topics.LEARNING_EVENTS.name())
        .stream()
        .filter(r -> enrolmentId.equals(r.key()))
        .<CloudEvent<?>>map(codec::decode)
        .toList();
  }
}
