package io.captrack.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

class RolesClaimTests {

  private static Jwt token(Map<String, Object> claims) {
    return Jwt.withTokenValue("t")
        .header("alg", "RS256")
        .subject("someone")
        .claims(c -> c.putAll(claims))
        .issuedAt(Instant.now())
        .build();
  }

  private static List<String> roles(String path, Map<String, Object> claims) {
    return new RolesClaim(path)
        .convert(token(claims)).stream().map(GrantedAuthority::getAuthority).toList();
  }

  @Test
  void aListClaimGrantsEachRole() {
    assertThat(roles("roles", Map.of("roles", List.of("viewer", "planner"))))
        .containsExactly("ROLE_viewer", "ROLE_planner");
  }

  @Test
  void aDottedPathReadsKeycloakRealmRoles() {
    Map<String, Object> claims =
        Map.of("realm_access", Map.of("roles", List.of("hr")), "roles", List.of("operator"));
    assertThat(roles("realm_access.roles", claims)).containsExactly("ROLE_hr");
  }

  @Test
  void aSpaceSeparatedStringGrantsEachWord() {
    assertThat(roles("roles", Map.of("roles", " viewer  hr ")))
        .containsExactly("ROLE_viewer", "ROLE_hr");
  }

  @Test
  void aMissingOrOddClaimGrantsNothing() {
    assertThat(roles("roles", Map.of("scope", "viewer"))).isEmpty();
    assertThat(roles("roles", Map.of("roles", 42))).isEmpty();
    assertThat(roles("realm_access.roles", Map.of("realm_access", "viewer"))).isEmpty();
    assertThat(roles("roles", Map.of("roles", List.of(7, "", "learning"))))
        .containsExactly("ROLE_learning");
  }
}
