package io.captrack.local;

import io.captrack.simulator.Company;
import io.captrack.simulator.Simulator;
import io.captrack.testkit.KafkaBrokerProcess;
import io.captrack.testkit.LocalIssuer;
import io.captrack.testkit.MongoStandIn;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local run: a real Kafka broker on 127.0.0.1:9092, mongo-java-server on an H2 file
 * on 127.0.0.1:27017, then the five services, each its own process. Ctrl-C stops all of it.
 */
public final class LocalRun {

  private final Path root;
  private final Path data;
  private final List<ServiceProcess> services = new ArrayList<>();
  private KafkaBrokerProcess kafka;
  private MongoStandIn mongo;

  private LocalRun(Path root) {
    this.root = root;
    this.data = root.resolve(".captrack");
  }

  public static void main(String[] args) throws Exception {
    LocalRun run = new LocalRun(Path.of("").toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(new Thread(run::stop, "captrack-stop"));
    run.start(List.of(args).contains("--demo"));
    new CountDownLatch(1).await();
  }

  private void start(boolean demo) throws IOException {
    Instant began = Instant.now();
    Files.createDirectories(data.resolve("logs"));
    requireFree(9092, "Kafka");
    requireFree(9093, "the Kafka controller");
    requireFree(27017, "MongoDB");
    say(
        "starting MongoDB stand-in (H2 file "
            + root.relativize(data.resolve("mongo.mv"))
            + ") on 127.0.0.1:27017");
    mongo = MongoStandIn.onFile(data.resolve("mongo.mv"), "127.0.0.1", 27017);
    say(
        "starting Kafka broker on 127.0.0.1:9092 (log "
            + root.relativize(data.resolve("kafka/broker.log"))
            + ")");
    kafka = KafkaBrokerProcess.on("127.0.0.1", 9092, 9093, data.resolve("kafka")).start();
    String secret = secret();
    LocalIssuer issuer = LocalIssuer.inDirectory(data.resolve("issuer"));
    for (ServiceProcess.Spec spec : ServiceProcess.SPECS) {
      services.add(
          ServiceProcess.start(
              spec, root, data.resolve("logs"), secret, issuer.publicKeyLocation()));
    }
    for (ServiceProcess service : services) {
      service.awaitHealthy(Duration.ofMinutes(3));
      say(service.name() + " is up on http://127.0.0.1:" + service.port());
    }
    if (demo) {
      demo(issuer);
    }
    String partnerId = DemoData.preparePartner(8081, issuer);
    Path tokens = Tokens.write(issuer, data.resolve("tokens"));
    say("all up in " + Duration.between(began, Instant.now()).toSeconds() + " s");
    System.out.println(
        Banner.text(
            partnerId,
            root.relativize(data.resolve("logs")).toString(),
            root.relativize(tokens).toString(),
            Files.readString(tokens.resolve("viewer.jwt")).trim()));
  }

  /** The simulated history of a company, written once into a fresh data directory. */
  private void demo(LocalIssuer issuer) throws IOException {
    Path marker = data.resolve("demo-written");
    if (Files.exists(marker)) {
      say("demo history already written (" + root.relativize(marker) + ")");
      return;
    }
    Company company = Company.demo(LocalDate.now(ZoneOffset.UTC));
    say(
        "writing a demo history through the APIs: "
            + company.people()
            + " people, "
            + company.years()
            + " years, "
            + company.partners()
            + " partners (a minute or two)");
    Simulator.Summary summary =
        Simulator.run(
            company,
            Simulator.localEndpoints(),
            (role, subject) -> issuer.token(subject, Duration.ofHours(1), role));
    say(Simulator.describe(summary));
    Files.writeString(marker, Simulator.describe(summary) + "\n");
  }

  private String secret() throws IOException {
    Path file = data.resolve("person-ref.secret");
    if (!Files.exists(file)) {
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, HexFormat.of().formatHex(key));
    }
    return Files.readString(file).trim();
  }

  private void stop() {
    say("stopping");
    for (int i = services.size() - 1; i >= 0; i--) {
      services.get(i).stop();
    }
    if (kafka != null) {
      kafka.close();
    }
    if (mongo != null) {
      mongo.close();
    }
    say("stopped; data kept in " + root.relativize(data));
  }

  private static void requireFree(int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalStateException(
          "port " + port + " for " + what + " is taken; stop whatever listens there first", e);
    }
  }

  static void say(String message) {
    System.out.println("[captrack] " + message);
  }
}
