package io.captrack.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One captrack service as a child process, started from its executable jar. */
final class ServiceProcess {

  /** A service and its port. */
  record Spec(String name, int port) {}

  static final List<Spec> SPECS =
      List.of(
          new Spec("capability-projector", 8084),
          new Spec("capability-api", 8080),
          new Spec("partner-service", 8081),
          new Spec("talent-service", 8082),
          new Spec("learning-service", 8083));

  private final Spec spec;
  private final Process process;
  private final Path log;

  private ServiceProcess(Spec spec, Process process, Path log) {
    this.spec = spec;
    this.process = process;
    this.log = log;
  }

  static ServiceProcess start(Spec spec, Path root, Path logs, String secret, String publicKey)
      throws IOException {
    Path jar =
        root.resolve("services")
            .resolve(spec.name())
            .resolve("target")
            .resolve(spec.name() + "-0.1.0-SNAPSHOT-exec.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing; build first (deploy/run-local.sh does)");
    }
    Path log = logs.resolve(spec.name() + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString(),
                "--server.port=" + spec.port(),
                // the local run is for this machine alone
                "--server.address=127.0.0.1",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + publicKey)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().put("CAPTRACK_PERSON_REF_SECRET", secret);
    LocalRun.say("starting " + spec.name() + " (log " + root.relativize(log) + ")");
    return new ServiceProcess(spec, builder.start(), log);
  }

  String name() {
    return spec.name();
  }

  int port() {
    return spec.port();
  }

  void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + spec.port() + "/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(spec.name() + " exited; see " + log);
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        process.waitFor(500, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(
        spec.name() + " not healthy within " + timeout + "; see " + log);
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
