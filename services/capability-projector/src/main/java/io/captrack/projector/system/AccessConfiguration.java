package io.captrack.projector.system;

import static io.captrack.platform.security.Roles.OPERATOR;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.captrack.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projector's endpoints are operators' alone: generations, rebuilds and dead letters. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  AccessRules accessRules() {
    return AccessRules.define()
        .allow(GET, "/read-model", OPERATOR)
        .allow(POST, "/read-model/rebuild", OPERATOR)
        .allow(POST, "/read-model/switch", OPERATOR)
        .allow(DELETE, "/read-model/generations/*", OPERATOR)
        .allow(GET, "/dead-letters/*", OPERATOR)
        .allow(POST, "/dead-letters/*/redrive", OPERATOR);
  }
}
