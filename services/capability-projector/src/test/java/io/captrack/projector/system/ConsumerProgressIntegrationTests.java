package io.captrack.projector.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.testkit.TestInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * A log whose head is gone (retention, deleteRecords) is seen, so a rebuild can refuse to start.
 */
class ConsumerProgressIntegrationTests {

  @Test
  void aPartitionWhoseLogNoLongerStartsAtZeroIsReported() throws Exception {
    String bootstrap = TestInfrastructure.shared().bootstrapServers();
    String topic = "truncated-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(),
                new StringSerializer())) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
      for (int i = 0; i < 3; i++) {
        producer.send(new ProducerRecord<>(topic, 1, "k", "v" + i)).get();
      }
      ConsumerProgress progress =
          new ConsumerProgress(new KafkaAdmin(Map.of("bootstrap.servers", bootstrap)));
      try {
        assertThat(progress.truncated(List.of(topic))).isEmpty();

        admin
            .deleteRecords(Map.of(new TopicPartition(topic, 1), RecordsToDelete.beforeOffset(2)))
            .all()
            .get();

        assertThat(progress.truncated(List.of(topic))).isEqualTo(Map.of(topic + "-1", 2L));
      } finally {
        progress.destroy();
      }
    }
  }
}
