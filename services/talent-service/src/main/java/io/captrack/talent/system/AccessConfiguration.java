package io.captrack.talent.system;

import static io.captrack.platform.security.Roles.HR;
import static io.captrack.platform.security.Roles.PLANNER;
import static io.captrack.platform.security.Roles.VIEWER;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import io.captrack.platform.security.AccessRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HR writes and alone maps HR ids or erases people; viewers and planners read requisitions. */
@Configuration(proxyBeanMethods = false)
class AccessConfiguration {

  @Bean
  AccessRules accessRules() {
    return AccessRules.define()
        .allow(POST, "/hires", HR)
        .allow(POST, "/hires/import", HR)
        .allow(POST, "/redeployments", HR)
        .allow(POST, "/separations", HR)
        .allow(POST, "/assessments", HR)
        .allow(POST, "/requisitions", HR)
        .allow(POST, "/requisitions/*/closure", HR)
        .allow(GET, "/requisitions/*", HR, VIEWER, PLANNER)
        .allow(GET, "/people/*", HR)
        .allow(DELETE, "/people/*", HR);
  }
}
