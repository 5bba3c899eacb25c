package io.captrack.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token's roles, from a claim named by a dotted path ({@code roles} by default; {@code
 * realm_access.roles} for Keycloak's realm roles). A list or a space-separated string; anything
 * else grants nothing.
 */
final class RolesClaim implements Converter<Jwt, Collection<GrantedAuthority>> {

  private final List<String> path;

  RolesClaim(String dottedPath) {
    this.path = List.of(dottedPath.split("\\."));
  }

  @Override
  public Collection<GrantedAuthority> convert(Jwt jwt) {
    Object node = jwt.getClaims();
    for (String step : path) {
      node = node instanceof Map<?, ?> map ? map.get(step) : null;
    }
    List<String> roles = new ArrayList<>();
    if (node instanceof Collection<?> values) {
      values.stream().filter(String.class::isInstance).map(String.class::cast).forEach(roles::add);
    } else if (node instanceof String value) {
      roles.addAll(List.of(value.trim().split("\\s+")));
    }
    return roles.stream()
        .filter(role -> !role.isBlank())
        .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role))
        .toList();
  }
}
