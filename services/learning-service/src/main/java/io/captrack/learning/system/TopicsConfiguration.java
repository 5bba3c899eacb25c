package io.captrack.learning.system;

import io.captrack.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** learning-service owns {@code learning.events}. */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

  @Bean
  NewTopic learningEvents() {
    return TopicBuilder.name(Topics.LEARNING_EVENTS.name())
        .partitions(Topics.LEARNING_EVENTS.partitions())
        .configs(Topics.LEARNING_EVENTS.configs())
        .build();
  }
}
