package io.captrack.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what on one service: each endpoint with the roles that may call it, and the paths
 * anyone may read. A service declares one bean of it; any request it does not list is refused.
 */
public final class AccessRules {

  private record Rule(HttpMethod method, String pattern, String[] roles) {}

  private final List<Rule> rules = new ArrayList<>();
  private final List<String> open = new ArrayList<>();

  private AccessRules() {}

  public static AccessRules define() {
    return new AccessRules();
  }

  /** Paths anyone may read without a token (static pages and their assets). */
  public AccessRules open(String... patterns) {
    open.addAll(List.of(patterns));
    return this;
  }

  /** {@code method pattern} needs a token holding one of {@code roles}. */
  public AccessRules allow(HttpMethod method, String pattern, String... roles) {
    if (roles.length == 0) {
      throw new IllegalArgumentException(method + " " + pattern + " needs at least one role");
    }
    rules.add(new Rule(method, pattern, roles));
    return this;
  }

  void apply(
      AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry registry) {
    for (String pattern : open) {
      registry.requestMatchers(HttpMethod.GET, pattern).permitAll();
      registry.requestMatchers(HttpMethod.HEAD, pattern).permitAll();
    }
    for (Rule rule : rules) {
      registry.requestMatchers(rule.method(), rule.pattern()).hasAnyRole(rule.roles());
    }
  }
}
