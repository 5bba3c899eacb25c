package io.captrack.platform.system;

import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a service owns ({@code captrack.topics.owned}), created at start with the catalogue's
 * partitions and settings (and, with {@code spring.kafka.admin.modify-topic-configs}, kept so).
 */
@Configuration(proxyBeanMethods = false)
public class OwnedTopicsConfiguration {

  @Bean
  @ConditionalOnProperty("captrack.topics.owned")
  KafkaAdmin.NewTopics ownedTopics(@Value("${captrack.topics.owned}") List<String> owned) {
    return new KafkaAdmin.NewTopics(
        owned.stream()
            .map(
                name ->
                    Topics.byName(name.trim())
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "captrack.topics.owned names "
                                        + name
                                        + ", which is not in the topic catalogue")))
            .map(OwnedTopicsConfiguration::newTopic)
            .toArray(NewTopic[]::new));
  }

  private static NewTopic newTopic(Topic topic) {
    return TopicBuilder.name(topic.name())
        .partitions(topic.partitions())
        .configs(topic.configs())
        .build();
  }
}
