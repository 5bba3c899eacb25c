package io.captrack.partner.system;

import io.captrack.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** partner-service owns {@code partner.events}. */
@Configuration(proxyBeanMethods = false)
class TopicsConfiguration {

  @Bean
  NewTopic partnerEvents() {
    return TopicBuilder.name(Topics.PARTNER_EVENTS.name())
        .partitions(Topics.PARTNER_EVENTS.partitions())
        .configs(Topics.PARTNER_EVENTS.configs())
        .build();
  }
}
