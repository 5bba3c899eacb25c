package io.captrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
