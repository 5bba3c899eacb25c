package io.captrack.api.system;

import io.captrack.schemas.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The topic capability-api owns, and the scheduler of the stream's heartbeats. */
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
}
