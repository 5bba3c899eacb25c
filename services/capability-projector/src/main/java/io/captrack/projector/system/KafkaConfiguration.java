package io.captrack.projector.system;

import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.schemas.UnreadableEventException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.util.backoff.ExponentialBackOff;

/** The projector's consumer, its one error handler and the topics it owns. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectorProperties.class)
@EnableScheduling
class KafkaConfiguration {

  /** Dead-letter and parked topics for every consumed topic, and {@code capability.changes}. */
  @Bean
  KafkaAdmin.NewTopics projectorTopics() {
    List<NewTopic> topics = new ArrayList<>();
    for (Topic source : Topics.SOURCES) {
      topics.add(TopicBuilder.name(source.name()).partitions(source.partitions()).build());
      topics.add(TopicBuilder.name(source.deadLetter()).partitions(source.partitions()).build());
      topics.add(
          TopicBuilder.name(source.name() + ".parked").partitions(source.partitions()).build());
    }
    topics.add(
        TopicBuilder.name(Topics.CAPABILITY_CHANGES.name())
            .partitions(Topics.CAPABILITY_CHANGES.partitions())
            .build());
    return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
  }

  /**
   * Unreadable records go at once to {@code <topic>.dlt}, same partition and key, with the reason
   * in the {@code kafka_dlt-exception-*} headers. Anything else (MongoDB away, say) is retried with
   * back-off and never dead-lettered: it is not the record's fault.
   */
  @Bean
  DefaultErrorHandler projectorErrorHandler(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    KafkaTemplate<String, byte[]> template =
        new KafkaTemplate<>(
            new DefaultKafkaProducerFactory<>(
                config, new StringSerializer(), new ByteArraySerializer()));
    DeadLetterPublishingRecoverer recoverer =
        new DeadLetterPublishingRecoverer(
            template,
            (record, e) -> new TopicPartition(record.topic() + ".dlt", record.partition()));
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
    handler.addNotRetryableExceptions(UnreadableEventException.class);
    return handler;
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, byte[]> projectorContainerFactory(
      KafkaProperties kafka,
      ProjectorProperties properties,
      DefaultErrorHandler projectorErrorHandler) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords());
    // the same partition numbers of talent.events and learning.events to the same consumer: a
    // person's events, keyed by personRef on both, always meet in one instance (CoPartitioning)
    config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
    ConcurrentKafkaListenerContainerFactory<String, byte[]> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            config, new StringDeserializer(), new ByteArrayDeserializer()));
    factory.setBatchListener(true);
    factory.setConcurrency(properties.concurrency());
    factory.setCommonErrorHandler(projectorErrorHandler);
    return factory;
  }
}
