package io.captrack.testkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A signing key and the JWTs it signs, standing in for an identity provider in tests and in the
 * local run. Services trust it through {@code
 * spring.security.oauth2.resourceserver.jwt.public-key-location}; tokens carry the subject and a
 * {@code roles} claim, as services read them by default.
 */
public final class LocalIssuer {

  public static final String ISSUER = "captrack-local";
  private static final String PRIVATE_FILE = "jwt-signing-key.pem";
  private static final String PUBLIC_FILE = "jwt-public-key.pem";
  private static LocalIssuer shared;

  private final PrivateKey privateKey;
  private final Path publicKeyFile;

  private LocalIssuer(PrivateKey privateKey, Path publicKeyFile) {
    this.privateKey = privateKey;
    this.publicKeyFile = publicKeyFile;
  }

  /** The issuer of this test JVM: a fresh key, its public half in a temporary file. */
  public static synchronized LocalIssuer shared() {
    if (shared == null) {
      try {
        Path dir = Files.createTempDirectory("captrack-issuer");
        dir.toFile().deleteOnExit();
        shared = inDirectory(dir);
        shared.publicKeyFile.toFile().deleteOnExit();
        dir.resolve(PRIVATE_FILE).toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return shared;
  }

  /** The key kept in {@code dir}, made on first use (the private half readable by its owner). */
  public static LocalIssuer inDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
      Path privateFile = dir.resolve(PRIVATE_FILE);
      Path publicFile = dir.resolve(PUBLIC_FILE);
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        byte[] der = fromPem(Files.readString(privateFile));
        return new LocalIssuer(rsa.generatePrivate(new PKCS8EncodedKeySpec(der)), publicFile);
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      Files.writeString(privateFile, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      privateFile.toFile().setReadable(false, false);
      privateFile.toFile().setReadable(true, true);
      Files.writeString(publicFile, toPem("PUBLIC KEY", pair.getPublic().getEncoded()));
      return new LocalIssuer(pair.getPrivate(), publicFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make an RSA signing key", e);
    }
  }

  /** What to give {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
  public String publicKeyLocation() {
    return publicKeyFile.toUri().toString();
  }

  /** A token for one hour. */
  public String token(String subject, String... roles) {
    return token(subject, Duration.ofHours(1), roles);
  }

  public String token(String subject, Duration validFor, String... roles) {
    Instant now = Instant.now();
    return sign(
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .subject(subject)
            .claim("roles", List.of(roles))
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(validFor)))
            .jwtID(UUID.randomUUID().toString())
            .build());
  }

  /** Any claims, for tests of what a service makes of an odd token. */
  public String sign(JWTClaimsSet claims) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
    try {
      jwt.sign(new RSASSASigner(privateKey));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return jwt.serialize();
  }

  private static String toPem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] fromPem(String pem) {
    return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
  }
}
