package io.captrack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 made with the JDK's {@code keytool}: a PKCS12 key
 * store for a server and the certificate in PEM for its clients' trust store, as a cluster's CA
 * certificate is handed to them. Made fresh in a directory of the test's; valid two days.
 */
public final class TlsMaterial {

  private final Path keyStore;
  private final String password;
  private final Path certificate;

  private TlsMaterial(Path keyStore, String password, Path certificate) {
    this.keyStore = keyStore;
    this.password = password;
    this.certificate = certificate;
  }

  /** A new key pair and certificate (CN and SAN 127.0.0.1, SAN localhost) in {@code directory}. */
  public static TlsMaterial selfSigned(Path directory) {
    try {
      Files.createDirectories(directory);
      Path keyStore = directory.resolve("server.p12");
      Path certificate = directory.resolve("ca.crt");
      Files.deleteIfExists(keyStore);
      Files.deleteIfExists(certificate);
      String password = UUID.randomUUID().toString();
      keytool(
          directory,
          "-genkeypair",
          "-alias",
          "server",
          "-keyalg",
          "RSA",
          "-keysize",
          "2048",
          "-validity",
          "2",
          "-dname",
          "CN=127.0.0.1",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-storetype",
          "PKCS12",
          "-keystore",
          keyStore.toString(),
          "-storepass",
          password,
          "-keypass",
          password);
      keytool(
          directory,
          "-exportcert",
          "-rfc",
          "-alias",
          "server",
          "-keystore",
          keyStore.toString(),
          "-storepass",
          password,
          "-file",
          certificate.toString());
      return new TlsMaterial(keyStore, password, certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's PKCS12 key store. */
  public Path keyStore() {
    return keyStore;
  }

  /** The key store's password (and its key's). */
  public String password() {
    return password;
  }

  /** The certificate in PEM: what a client trusts. */
  public Path certificate() {
    return certificate;
  }

  /**
   * The private key (PKCS#8, unencrypted) and the certificate in one PEM file, as Kafka's PEM key
   * store and mongod's {@code --tlsCertificateKeyFile} take them.
   */
  public Path keyAndCertificatePem() {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        store.load(in, password.toCharArray());
      }
      Key key = store.getKey("server", password.toCharArray());
      Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
      String pem =
          "-----BEGIN PRIVATE KEY-----\n"
              + base64.encodeToString(key.getEncoded())
              + "\n-----END PRIVATE KEY-----\n"
              + Files.readString(certificate);
      Path file = keyStore.resolveSibling("server.pem");
      Files.writeString(file, pem);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the key store", e);
    }
  }

  private static void keytool(Path directory, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.add("-noprompt");
    command.addAll(List.of(args));
    Path log = directory.resolve("keytool.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
