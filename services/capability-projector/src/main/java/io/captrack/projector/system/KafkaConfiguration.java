package io.captrack.projector.system;

import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.schemas.EventGate;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.kafka.listener.ContainerProperties;
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
      topics.add(
          TopicBuilder.name(source.name())
              .partitions(source.partitions())
              .configs(source.configs())
              .build());
      // dead letters are kept too: an operator re-drives them, perhaps long after
      topics.add(
          TopicBuilder.name(source.deadLetter())
              .partitions(source.partitions())
              .configs(source.configs())
              .build());
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
   * The projector judges every record itself and dead-letters what it can never apply, so what
   * reaches this handler is never the record's fault (MongoDB or Kafka away, timeouts): the batch
   * is retried with back-off, without end and without a dead letter, while the consumer keeps its
   * partitions (it pauses and polls). Each attempt is logged and counted by the listener.
   */
  @Bean
  DefaultErrorHandler projectorErrorHandler() {
    ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
    backOff.setMaxInterval(10_000);
    return new DefaultErrorHandler(backOff);
  }

  /** The projector's door: the schemas of {@code schemas/} and the taxonomy's capabilities. */
  @Bean
  EventGate eventGate(Taxonomy taxonomy) {
    // asked for every capability every record names: a set built once, not a look through a list
    Set<String> capabilities = taxonomy.capabilityIds();
    return new EventGate(capabilities::contains);
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, byte[]> projectorContainerFactory(
      KafkaProperties kafka,
      ProjectorProperties properties,
      DefaultErrorHandler projectorErrorHandler,
      MeterRegistry meters) {
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
    DefaultKafkaConsumerFactory<String, byte[]> consumers =
        new DefaultKafkaConsumerFactory<>(
            config, new StringDeserializer(), new ByteArrayDeserializer());
    // the Kafka client's own metrics (kafka_consumer_fetch_manager_records_lag per partition...)
    consumers.addListener(new MicrometerConsumerListener<>(meters));
    factory.setConsumerFactory(consumers);
    factory.setBatchListener(true);
    // the listener acknowledges a batch only when every shard of it was written by this consumer
    factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL_IMMEDIATE);
    factory.setConcurrency(properties.concurrency());
    factory.setCommonErrorHandler(projectorErrorHandler);
    return factory;
  }
}
