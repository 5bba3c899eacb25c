package io.captrack.learning.system;

import static io.captrack.platform.security.Roles.LEARNING;
import static io.captrack.platform.security.Roles.PLANNER;
import static io.captrack.platform.security.Roles.VIEWER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import io.captrack.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** L&D (and its learning record store, for xAPI) writes; viewers and planners read. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  AccessRules accessRules() {
    return AccessRules.define()
        .allow(PUT, "/courses/*", LEARNING)
        .allow(GET, "/courses", LEARNING, VIEWER, PLANNER)
        .allow(GET, "/courses/*", LEARNING, VIEWER, PLANNER)
        .allow(POST, "/enrolments", LEARNING)
        .allow(POST, "/enrolments/*/void", LEARNING)
        .allow(GET, "/enrolments/*", LEARNING, VIEWER, PLANNER)
        .allow(POST, "/completions", LEARNING)
        .allow(POST, "/credentials", LEARNING)
        .allow(POST, "/credentials/*/renewal", LEARNING)
        .allow(POST, "/credentials/*/revocation", LEARNING)
        .allow(GET, "/credentials/*", LEARNING, VIEWER, PLANNER)
        .allow(POST, "/xapi/statements", LEARNING);
  }
}
