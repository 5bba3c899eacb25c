package io.captrack.platform.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers the tokens the issuer's decoder accepted, so that a client sending the same token with
 * every request has its signature checked once, not per request (an RSA check was about a third of
 * talent-service's processor samples at 200 hires a second). A token is remembered by its whole
 * text, so only the very same bytes are let through; only until the expiry it carries, after which
 * the decoder judges it again (and its clock skew with it); never when it carries no expiry. At
 * most {@code capacity} tokens; when full, all are forgotten at once. Counted in {@code
 * captrack.security.tokens} tagged {@code result} (verified, remembered).
 */
public final class VerifiedTokens implements JwtDecoder {

  private final JwtDecoder decoder;
  private final Clock clock;
  private final int capacity;
  private final Map<String, Jwt> accepted = new ConcurrentHashMap<>();
  private final Counter verified;
  private final Counter remembered;

  public VerifiedTokens(JwtDecoder decoder, Clock clock, int capacity, MeterRegistry meters) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.decoder = decoder;
    this.clock = clock;
    this.capacity = capacity;
    MeterRegistry registry = meters == null ? new SimpleMeterRegistry() : meters;
    this.verified = counter(registry, "verified");
    this.remembered = counter(registry, "remembered");
  }

  private static Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("captrack.security.tokens")
        .description("bearer tokens checked by the issuer's decoder, or remembered as accepted")
        .tag("result", result)
        .register(meters);
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt known = accepted.get(token);
    if (known != null) {
      if (clock.instant().isBefore(known.getExpiresAt())) {
        remembered.increment();
        return known;
      }
      accepted.remove(token);
    }
    Jwt jwt = decoder.decode(token);
    verified.increment();
    Instant expires = jwt.getExpiresAt();
    if (expires != null && clock.instant().isBefore(expires)) {
      if (accepted.size() >= capacity) {
        accepted.clear();
      }
      accepted.put(token, jwt);
    }
    return jwt;
  }

  /** How many tokens are remembered now. */
  int size() {
    return accepted.size();
  }
}
