package io.captrack.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns an HR id into a {@code personRef}: HMAC-SHA256 under a secret the HR and L&D services hold.
 * The same person gets the same ref in every service; without the secret the ref reveals nothing.
 */
public final class PersonRefs {

  private final SecretKeySpec key;

  public PersonRefs(String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException(
          "captrack.person-ref.secret must be at least 16 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The personRef of an HR id: 64 lower-case hex characters. */
  public String of(String hrId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(hrId.trim().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
