package io.captrack.api.position;

import io.captrack.platform.readmodel.ReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Queries that wait for a write's position (after the token was checked by security). */
@Configuration(proxyBeanMethods = false)
class ReadYourWritesConfiguration {

  @Bean
  FilterRegistrationBean<ReadYourWritesFilter> readYourWritesFilter(
      ReadModel readModel,
      MeterRegistry meters,
      @Value("${captrack.api.after-wait:5s}") Duration wait) {
    FilterRegistrationBean<ReadYourWritesFilter> registration =
        new FilterRegistrationBean<>(new ReadYourWritesFilter(readModel, wait, meters));
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 30);
    return registration;
  }
}
