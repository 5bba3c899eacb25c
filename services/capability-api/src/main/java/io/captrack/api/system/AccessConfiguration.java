package io.captrack.api.system;

import static io.captrack.platform.security.Roles.PLANNER;
import static io.captrack.platform.security.Roles.VIEWER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.captrack.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Viewers and planners read the read model and its stream; planners set targets and correct. Anyone
 * may load the dashboard's page.
 */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  AccessRules accessRules() {
    return AccessRules.define()
        // the dashboard's page and assets hold no data; what it shows needs a viewer's token
        .open("/", "/index.html", "/dashboard/**", "/webjars/**", "/favicon.ico")
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
