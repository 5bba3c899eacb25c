package io.captrack.platform.outbox;

import com.mongodb.client.MongoDatabase;
import io.captrack.schemas.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The outbox and its relay, for a service that publishes events. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxConfiguration {

  @Bean(destroyMethod = "close")
  Producer<String, byte[]> outboxProducer(KafkaProperties kafka) {
    Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    // fail fast while Kafka is away: the events stay in MongoDB and the relay retries
    config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
    config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
  }

  @Bean
  OutboxRelay outboxRelay(
      MongoDatabase database,
      Producer<String, byte[]> outboxProducer,
      OutboxProperties properties,
      ObjectProvider<OutboxCollections> collections,
      MeterRegistry meters) {
    return new OutboxRelay(
        database,
        outboxProducer,
        properties,
        collections.getIfAvailable(() -> properties::collections),
        meters);
  }

  /** Answers of commands say where their events landed (read your writes). */
  @Bean
  @ConditionalOnWebApplication
  FilterRegistrationBean<PositionHeaderFilter> positionHeaderFilter(
      OutboxRelay outboxRelay, @Value("${captrack.web.position-wait:1s}") Duration wait) {
    FilterRegistrationBean<PositionHeaderFilter> registration =
        new FilterRegistrationBean<>(new PositionHeaderFilter(outboxRelay, wait));
    // inside the idempotency filter, which keeps the header for replays
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 20);
    return registration;
  }

  @Bean
  Outbox outbox(CloudEventCodec codec, OutboxRelay relay) {
    return new Outbox(codec, relay);
  }
}
