package io.captrack.talent.system;

import io.captrack.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** talent-service owns {@code talent.events}. */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

  @Bean
  NewTopic talentEvents() {
    return TopicBuilder.name(Topics.TALENT_EVENTS.name())
        .partitions(Topics.TALENT_EVENTS.partitions())
        .configs(Topics.TALENT_EVENTS.configs())
        .build();
  }
}
