package io.captrack.platform.web;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The web rules every captrack service shares: body limits, safe retries, problem details. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class WebConfiguration {

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(
      @Value("${captrack.web.max-body-bytes:65536}") long maxBytes,
      @Value("${captrack.web.max-import-bytes:10485760}") long maxImportBytes) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(maxBytes, maxImportBytes));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(
      MongoDatabase database,
      Clock clock,
      @Value("${captrack.web.idempotency-lease:30s}") Duration lease) {
    FilterRegistrationBean<IdempotencyFilter> registration =
        new FilterRegistrationBean<>(new IdempotencyFilter(database, clock, lease));
    // after Spring Security's chain: a key belongs to the caller who sent it
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10);
    return registration;
  }

  @Bean
  DateRangeAdvice dateRangeAdvice() {
    return new DateRangeAdvice();
  }

  @Bean
  ProblemDetailsAdvice problemDetailsAdvice() {
    return new ProblemDetailsAdvice();
  }
}
