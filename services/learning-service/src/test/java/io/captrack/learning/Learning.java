package io.captrack.learning;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helpers for learning-service. */
final class Learning {

  static final String SECRET = "learning-test-secret-0123456789";
  static final JsonMapper JSON = CloudEventCodec.defaultMapper();

  private Learning() {}

  static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** The events of one enrolment or credential (their subject), in the order of their topic. */
  static List<CloudEvent<?>> events(String subject) {
    CloudEventCodec codec = new CloudEventCodec();
    return TopicReader.readAll(
            TestInfrastructure.shared().bootstrapServers(), Topics.LEARNING_EVENTS.name())
        .stream()
        .<CloudEvent<?>>map(codec::decode)
        .filter(e -> subject.equals(e.subject()))
        .toList();
  }

  /** The Kafka keys of the records of one enrolment or credential. */
  static List<String> keys(String subject) {
    return TopicReader.readAll(
            TestInfrastructure.shared().bootstrapServers(), Topics.LEARNING_EVENTS.name())
        .stream()
        .filter(r -> subject.equals(CloudEventCodec.header(r.headers(), CloudEventCodec.SUBJECT)))
        .map(r -> r.key())
        .toList();
  }
}
