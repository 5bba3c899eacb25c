package io.captrack.api.stream;

import io.captrack.schemas.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * The live stream of capability changes: its relay, which reads the topic from the end in a group
 * of its own per instance, and its direct reads of the topic for resumes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StreamSettings.class)
class StreamConfiguration {

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, byte[]> changeStreamContainerFactory(
      KafkaProperties kafka) {
    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(consumers(kafka));
    return factory;
  }

  @Bean
  ChangeLog changeLog(KafkaProperties kafka) {
    return new ChangeLog(consumers(kafka));
  }

  @Bean
  ChangeBroadcaster changeBroadcaster(
      CloudEventCodec codec, ChangeLog changeLog, StreamSettings settings, MeterRegistry meters) {
    return new ChangeBroadcaster(codec, changeLog, settings, meters);
  }

  private static ConsumerFactory<String, byte[]> consumers(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "capability-api-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new DefaultKafkaConsumerFactory<>(
        config, new StringDeserializer(), new ByteArrayDeserializer());
  }
}
