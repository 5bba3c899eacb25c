package io.captrack.talent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=talent-service",
      "captrack.person-ref.secret=talent-test-secret-0123456789"
    })
class TalentServiceIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "talent-it");
  }

  @Test
  void hireIsPublishedUnderTheKeyedHashOfTheHrIdOnly() {
    String hrId = "HR-" + UUID.randomUUID();
    HttpResponse<String> response =
        HttpJson.local(port)
            .post(
                "/hires",
                """
                {"hrId":"%s","capabilities":[{"capabilityId":"data.ml","level":4}],
                 "startDate":"2026-02-01","hireType":"PERMANENT"}
                """
                    .formatted(hrId));
    assertThat(response.statusCode()).isEqualTo(201);
    String personRef = new PersonRefs("talent-test-secret-0123456789").of(hrId);
    assertThat(JSON.readTree(response.body()).get("personRef").asString()).isEqualTo(personRef);

    ConsumerRecord<String, byte[]> record = recordOf(personRef);
    CloudEvent<?> event = new CloudEventCodec().decode(record);
    assertThat(event.data())
        .isEqualTo(
            new TalentHired(
                personRef,
                List.of(new CapabilityLevel("data.ml", 4)),
                LocalDate.of(2026, 2, 1),
                io.captrack.schemas.talent.HireType.PERMANENT));
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(hrId);
    record
        .headers()
        .forEach(
            h -> assertThat(new String(h.value(), StandardCharsets.UTF_8)).doesNotContain(hrId));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed JSON     | {"hrId":                                                                                   | 400 | unreadable-body
          missing hrId       | {"capabilities":[{"capabilityId":"data.ml","level":3}],"startDate":"2026-01-01","hireType":"PERMANENT"} | 400 | invalid-request
          level out of scale | {"hrId":"x1","capabilities":[{"capabilityId":"data.ml","level":9}],"startDate":"2026-01-01","hireType":"PERMANENT"} | 400 | invalid-request
          unknown enum       | {"hrId":"x1","capabilities":[{"capabilityId":"data.ml","level":3}],"startDate":"2026-01-01","hireType":"SLAVE"} | 400 | unreadable-body
          unknown capability | {"hrId":"x1","capabilities":[{"capabilityId":"data.nope","level":3}],"startDate":"2026-01-01","hireType":"PERMANENT"} | 422 | unknown-capability
          listed twice       | {"hrId":"x1","capabilities":[{"capabilityId":"data.ml","level":3},{"capabilityId":"data.ml","level":2}],"startDate":"2026-01-01","hireType":"PERMANENT"} | 422 | duplicate-capability
          """)
  void badHireGetsAProblem(String name, String body, int status, String type) {
    HttpResponse<String> response = HttpJson.local(port).post("/hires", body);

    assertThat(response.statusCode()).isEqualTo(status);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo("https://captrack.io/problems/" + type);
    assertThat(recordsOf(new PersonRefs("talent-test-secret-0123456789").of("x1"))).isEmpty();
  }

  private static List<ConsumerRecord<String, byte[]>> recordsOf(String personRef) {
    return TopicReader.readAll(
            TestInfrastructure.shared().bootstrapServers(), Topics.TALENT_EVENTS.name())
        .stream()
        .filter(r -> personRef.equals(r.key()))
        .toList();
  }

  private static ConsumerRecord<String, byte[]> recordOf(String personRef) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> recordsOf(personRef), list -> list.size() == 1)
        .get(0);
  }
}
