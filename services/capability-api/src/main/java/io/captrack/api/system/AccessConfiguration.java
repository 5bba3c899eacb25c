package io.captrack.api.system;

import static io.captrack.platform.security.Roles.PLANNER;
import static io.captrack.platform.security.Roles.VIEWER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.captrack.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Viewers and planners read the read model and its stream; planners set targets and correct. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  AccessRules accessRules() {
    return AccessRules.define()
        .allow(GET, "/capabilities", VIEWER, PLANNER)
        .allow(GET, "/capabilities/**", VIEWER, PLANNER)
        .allow(GET, "/areas", VIEWER, PLANNER)
        .allow(GET, "/areas/**", VIEWER, PLANNER)
        .allow(GET, "/expiries", VIEWER, PLANNER)
        .allow(GET, "/people/*/profile", VIEWER, PLANNER)
        .allow(GET, "/partners/*/profile", VIEWER, PLANNER)
        .allow(POST, "/capabilities/*/targets", PLANNER)
        .allow(POST, "/corrections", PLANNER);
  }
}
