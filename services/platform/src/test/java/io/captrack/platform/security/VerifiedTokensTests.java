package io.captrack.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.captrack.testkit.LocalIssuer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/** Tokens remembered once the real decoder (the test issuer's key, its clock) accepted them. */
class VerifiedTokensTests {

  private static final LocalIssuer ISSUER = LocalIssuer.shared();

  /** A clock the test moves; the decoder's expiry check and the memory both read it. */
  private final MovingClock clock = new MovingClock(Instant.now());

  private final AtomicInteger checks = new AtomicInteger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private VerifiedTokens tokens;

  @BeforeEach
  void decoder() throws Exception {
    NimbusJwtDecoder issuer = NimbusJwtDecoder.withPublicKey(publicKey()).build();
    JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ofSeconds(60));
    expiry.setClock(clock);
    issuer.setJwtValidator(expiry);
    JwtDecoder counted =
        token -> {
          checks.incrementAndGet();
          return issuer.decode(token);
        };
    tokens = new VerifiedTokens(counted, clock, 2, meters);
  }

  @Test
  void aTokenSentAgainIsCheckedOnce() {
    String token = ISSUER.token("alice", "viewer");

    assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
    assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
    assertThat(tokens.decode(token).getClaimAsStringList("roles")).containsExactly("viewer");

    assertThat(checks).hasValue(1);
    assertThat(meters.counter("captrack.security.tokens", "result", "verified").count())
        .isEqualTo(1);
    assertThat(meters.counter("captrack.security.tokens", "result", "remembered").count())
        .isEqualTo(2);
  }

  @Test
  void anAlteredTokenIsRefusedThoughTheGenuineOneIsRemembered() {
    String token = ISSUER.token("alice", "viewer");
    tokens.decode(token);
    String[] parts = token.split("\\.");
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    new String(Base64.getUrlDecoder().decode(parts[1]))
                        .replace("viewer", "operator")
                        .getBytes())
            + "."
            + parts[2];

    assertThatThrownBy(() -> tokens.decode(forged)).isInstanceOf(BadJwtException.class);
    assertThat(checks).hasValue(2);
  }

  @Test
  void anExpiredTokenIsJudgedAgainAndRefused() {
    String token = ISSUER.token("alice", Duration.ofMinutes(5), "viewer");
    tokens.decode(token);

    clock.advance(Duration.ofMinutes(4));
    tokens.decode(token);
    assertThat(checks).hasValue(1);

    // past its expiry, within the decoder's minute of skew: the decoder's call, not the memory's
    clock.advance(Duration.ofSeconds(90));
    assertThat(tokens.decode(token).getSubject()).isEqualTo("alice");
    assertThat(checks).hasValue(2);

    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(() -> tokens.decode(token)).isInstanceOf(JwtValidationException.class);
    assertThat(checks).hasValue(3);
  }

  @Test
  void aTokenWithoutExpiryIsCheckedEveryTime() {
    String token =
        ISSUER.sign(
            new JWTClaimsSet.Builder()
                .issuer(LocalIssuer.ISSUER)
                .subject("batch-job")
                .issueTime(Date.from(clock.instant()))
                .build());

    tokens.decode(token);
    tokens.decode(token);

    assertThat(checks).hasValue(2);
    assertThat(tokens.size()).isZero();
  }

  @Test
  void memoryIsBounded() {
    for (int i = 0; i < 5; i++) {
      tokens.decode(ISSUER.token("user-" + i, "viewer"));
      assertThat(tokens.size()).isLessThanOrEqualTo(2);
    }
    assertThat(checks).hasValue(5);
  }

  private static RSAPublicKey publicKey() throws Exception {
    String pem = Files.readString(Path.of(URI.create(ISSUER.publicKeyLocation())));
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
  }

  private static final class MovingClock extends Clock {

    private Instant now;

    MovingClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
