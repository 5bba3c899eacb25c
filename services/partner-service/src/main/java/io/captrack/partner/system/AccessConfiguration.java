package io.captrack.partner.system;

import static io.captrack.platform.security.Roles.PLANNER;
import static io.captrack.platform.security.Roles.PROCUREMENT;
import static io.captrack.platform.security.Roles.VIEWER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.captrack.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Procurement writes partners; viewers and planners read them (planners void their events). */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  AccessRules accessRules() {
    return AccessRules.define()
        .allow(GET, "/partners", PROCUREMENT, VIEWER, PLANNER)
        .allow(GET, "/partners/**", PROCUREMENT, VIEWER, PLANNER)
        .allow(POST, "/partners", PROCUREMENT)
        .allow(POST, "/partners/**", PROCUREMENT)
        .allow(PUT, "/partners/*/agreements/*", PROCUREMENT);
  }
}
