package io.captrack.api.system;

import io.captrack.schemas.Topics;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The change stream reads from the end, in a group of its own per instance. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class KafkaConfiguration {

  /** The topic of planners' commands, with the partitions of the topics it is co-keyed with. */
  @Bean
  NewTopic planningEvents() {
    return TopicBuilder.name(Topics.PLANNING_EVENTS.name())
        .partitions(Topics.PLANNING_EVENTS.partitions())
        .configs(Topics.PLANNING_EVENTS.configs())
        .build();
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, byte[]> changeStreamContainerFactory(
      KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "capability-api-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            config, new StringDeserializer(), new ByteArrayDeserializer()));
    return factory;
  }
}
