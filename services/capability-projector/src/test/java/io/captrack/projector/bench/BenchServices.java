package io.captrack.projector.bench;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * capability-api on the read model the projector keeps and talent-service (a producer), each from
 * its executable jar in a JVM of its own, for the end-to-end and query measurements.
 */
final class BenchServices implements AutoCloseable {

  private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
  static final String PERSON_REF_SECRET = "benchmark-secret-0123456789";

  private final ChildJvm api;
  private final ChildJvm talent;
  final int apiPort;
  final int talentPort;

  private BenchServices(ChildJvm api, int apiPort, ChildJvm talent, int talentPort) {
    this.api = api;
    this.apiPort = apiPort;
    this.talent = talent;
    this.talentPort = talentPort;
  }

  /**
   * Starts both and waits until their health is UP.
   *
   * @param readDatabase the projector's read model
   * @param talentDatabase talent-service's own database
   */
  static BenchServices start(
      String bootstrapServers,
      String mongoUri,
      String readDatabase,
      String talentDatabase,
      Path logs)
      throws IOException {
    int apiPort = freePort();
    int talentPort = freePort();
    ChildJvm api =
        service("capability-api", args(bootstrapServers, mongoUri, readDatabase, apiPort), logs);
    ChildJvm talent =
        service(
            "talent-service", args(bootstrapServers, mongoUri, talentDatabase, talentPort), logs);
    BenchServices services = new BenchServices(api, apiPort, talent, talentPort);
    HttpClient http = HttpClient.newHttpClient();
    await("capability-api and talent-service up")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!api.alive() || !talent.alive()) {
                throw new IllegalStateException(
                    "a service stopped; see " + api.log() + " and " + talent.log());
              }
              return up(http, apiPort) && up(http, talentPort);
            });
    return services;
  }

  /** The processor time each service's JVM has used so far, by service. */
  Map<String, Duration> cpu() {
    Map<String, Duration> cpu = new LinkedHashMap<>();
    cpu.put("talent-service", talent.cpu());
    cpu.put("capability-api", api.cpu());
    return cpu;
  }

  /** A service from its executable jar in a JVM of its own, its log beside the others. */
  private static ChildJvm service(String module, List<String> args, Path logs) throws IOException {
    List<String> options = new ArrayList<>(List.of("-Xmx512m"));
    String extra = System.getProperty("captrack.bench.services-jvm", "");
    if (!extra.isBlank()) {
      options.addAll(List.of(extra.replace("{service}", module).split(" ")));
    }
    return ChildJvm.start(options, jar(module), LAUNCHER, args, logs.resolve(module + ".log"));
  }

  private static List<String> args(String bootstrap, String mongoUri, String database, int port) {
    return List.of(
        "--spring.kafka.bootstrap-servers=" + bootstrap,
        "--spring.mongodb.uri=" + mongoUri,
        "--spring.mongodb.database=" + database,
        "--server.port=" + port,
        "--server.address=127.0.0.1",
        "--captrack.person-ref.secret=" + PERSON_REF_SECRET,
        BenchToken.TRUST,
        "--logging.level.root=WARN");
  }

  private static boolean up(HttpClient http, int port) {
    try {
      return http.send(BenchToken.actuator(port, "health"), HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The service's executable jar, built by {@code deploy/benchmark.sh} before the benchmark. */
  private static String jar(String module) throws IOException {
    Path target = Path.of(System.getProperty("captrack.bench.services", ".."), module, "target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("no executable jar in " + target + "; run package"))
          .toString();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    talent.close();
    api.close();
  }
}
