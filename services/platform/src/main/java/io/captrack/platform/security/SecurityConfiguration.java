package io.captrack.platform.security;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Every captrack service is an OAuth2 resource server: a request carries a JWT whose subject is the
 * actor and whose roles claim says what it may do (the service's {@link AccessRules}). Health and
 * the API description are open; actuator beyond health needs the operator; anything not listed is
 * refused. The issuer is Spring's standard {@code spring.security.oauth2.resourceserver.jwt.*}
 * (issuer-uri, jwk-set-uri or public-key-location); a token it accepted is remembered until its
 * expiry ({@link VerifiedTokens}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
public class SecurityConfiguration {

  static final String DEFAULT_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'; form-action 'self'";

  /**
   * The strict firewall, its header check a loop instead of a pattern ({@link HeaderCharacters}).
   */
  @Bean
  WebSecurityCustomizer captrackFirewall() {
    StrictHttpFirewall firewall = new StrictHttpFirewall();
    firewall.setAllowedHeaderNames(HeaderCharacters::allowed);
    firewall.setAllowedHeaderValues(HeaderCharacters::allowed);
    return web -> web.httpFirewall(firewall);
  }

  @Bean
  SecurityFilterChain captrackSecurity(
      HttpSecurity http,
      ObjectProvider<AccessRules> accessRules,
      ObjectProvider<JwtDecoder> decoder,
      ObjectProvider<MeterRegistry> meters,
      @Value("${captrack.security.remembered-tokens:10000}") int rememberedTokens,
      @Value("${captrack.security.roles-claim:roles}") String rolesClaim,
      @Value("${captrack.security.content-security-policy:" + DEFAULT_POLICY + "}") String policy)
      throws Exception {
    if (decoder.getIfAvailable() == null) {
      throw new IllegalStateException(
          "no JWT issuer configured: set spring.security.oauth2.resourceserver.jwt.issuer-uri"
              + " (or jwk-set-uri, or public-key-location)");
    }
    AccessRules rules = accessRules.getIfAvailable(AccessRules::define);
    JwtDecoder verified =
        new VerifiedTokens(
            decoder.getObject(), Clock.systemUTC(), rememberedTokens, meters.getIfAvailable());
    JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
    tokens.setJwtGrantedAuthoritiesConverter(new RolesClaim(rolesClaim));
    SecurityProblems problems = new SecurityProblems();
    http.csrf(AbstractHttpConfigurer::disable)
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(
            h ->
                h.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .oauth2ResourceServer(
            o ->
                o.jwt(j -> j.decoder(verified).jwtAuthenticationConverter(tokens))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .authorizeHttpRequests(
            a -> {
              // the request was authorized before it went async or failed; its dispatches follow
              a.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll();
              a.requestMatchers("/error").permitAll();
              a.requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                  .permitAll();
              a.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").permitAll();
              a.requestMatchers(HttpMethod.GET, "/swagger-ui.html", "/swagger-ui/**").permitAll();
              a.requestMatchers("/actuator/**").hasRole(Roles.OPERATOR);
              rules.apply(a);
              a.anyRequest().denyAll();
            });
    return http.build();
  }
}
