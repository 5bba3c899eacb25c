package io.captrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A real Apache Kafka broker (KRaft, combined broker and controller) in a child JVM, on a fixed
 * port, with its log directory kept across restarts: what a test needs to take Kafka away and bring
 * it back, and what the local run uses as its broker.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

  private final String host;
  private final int port;
  private final int controllerPort;
  private final Path dataDir;
  private final String classPath;
  private final Security security;
  private final Properties given;
  private Process process;

  /**
   * A broker whose clients come over TLS ({@code tls}' key store) and authenticate with
   * SCRAM-SHA-512 as one of {@code users} (name to password; {@link #ADMIN} is a super user), and
   * whose standard authorizer refuses what no ACL allows.
   */
  public record Security(TlsMaterial tls, Map<String, String> users) {
    public Security {
      if (!users.containsKey(ADMIN)) {
        throw new IllegalArgumentException("a secured broker needs the user " + ADMIN);
      }
      users = Map.copyOf(users);
    }
  }

  /** The super user of a secured broker. */
  public static final String ADMIN = "admin";

  private static final String SCRAM = "SCRAM-SHA-512";

  private KafkaBrokerProcess(
      String host, int port, int controllerPort, Path dataDir, Security security) {
    this(host, port, controllerPort, dataDir, security, null);
  }

  private KafkaBrokerProcess(
      String host,
      int port,
      int controllerPort,
      Path dataDir,
      Security security,
      Properties given) {
    this.given = given;
    this.host = host;
    this.port = port;
    this.controllerPort = controllerPort;
    this.dataDir = dataDir;
    this.security = security;
    this.classPath = System.getProperty("java.class.path");
  }

  /** A broker on free loopback ports with a fresh data directory; call {@link #start()}. */
  public static KafkaBrokerProcess onFreePorts(Path dataDir) {
    return new KafkaBrokerProcess("127.0.0.1", freePort(), freePort(), dataDir, null);
  }

  /**
   * A broker run with a configuration of someone else's ({@code config}, used as it is but for
   * {@code log.dirs}), whose clients come to 127.0.0.1:{@code port}; {@code security} names the
   * SCRAM users its storage is formatted with and what clients trust. Call {@link #start()}.
   */
  public static KafkaBrokerProcess withConfig(
      Path dataDir, Properties config, int port, Security security) {
    return new KafkaBrokerProcess("127.0.0.1", port, -1, dataDir, security, config);
  }

  /** A free port on loopback. */
  public static int anyFreePort() {
    return freePort();
  }

  /** A broker secured by {@code security} on free loopback ports; call {@link #start()}. */
  public static KafkaBrokerProcess securedOnFreePorts(Path dataDir, Security security) {
    return new KafkaBrokerProcess("127.0.0.1", freePort(), freePort(), dataDir, security);
  }

  /**
   * What a Kafka client sets to reach this broker as {@code user}: nothing for a plain broker; the
   * security protocol, SCRAM and a PEM trust store of the broker's certificate for a secured one.
   */
  public Map<String, Object> clientProperties(String user) {
    if (security == null) {
      return Map.of();
    }
    String password = security.users().get(user);
    if (password == null) {
      throw new IllegalArgumentException("no such user: " + user);
    }
    return Map.of(
        "security.protocol",
        "SASL_SSL",
        "sasl.mechanism",
        SCRAM,
        "sasl.jaas.config",
        jaas(user, password),
        "ssl.truststore.type",
        "PEM",
        "ssl.truststore.location",
        security.tls().certificate().toString());
  }

  /** An admin client of this broker with the given client security settings (see above). */
  public Admin admin(Map<String, Object> security) {
    Map<String, Object> config = new java.util.HashMap<>(security);
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    return Admin.create(config);
  }

  /** The JAAS line of a SCRAM login. */
  public static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /** A broker on the given ports. */
  public static KafkaBrokerProcess on(String host, int port, int controllerPort, Path dataDir) {
    return new KafkaBrokerProcess(host, port, controllerPort, dataDir, null);
  }

  public String bootstrapServers() {
    return host + ":" + port;
  }

  /** Formats the storage on first use, starts the broker and waits until it answers. */
  public synchronized KafkaBrokerProcess start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    try {
      Path config = writeConfig();
      if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
        List<String> format =
            new ArrayList<>(
                List.of(
                    "kafka.tools.StorageTool",
                    "format",
                    "-t",
                    Uuid.randomUuid().toString(),
                    "-c",
                    config.toString()));
        if (security != null) {
          // KRaft keeps SCRAM credentials in its metadata log: they are written when it is made
          security
              .users()
              .forEach(
                  (user, password) -> {
                    format.add("--add-scram");
                    format.add(SCRAM + "=[name=" + user + ",password=" + password + "]");
                  });
        }
        run(format, dataDir.resolve("format.log"));
      }
      process =
          java(List.of("kafka.Kafka", config.toString()))
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(dataDir.resolve("broker.log").toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitReady(Duration.ofSeconds(90));
    return this;
  }

  /** Kills the broker at once, as a crash would; its data stays for the next start. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    Awaitility.await("port " + port + " released")
        .atMost(Duration.ofSeconds(30))
        .until(() -> !accepting());
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  @Override
  public void close() {
    kill();
  }

  private void awaitReady(Duration timeout) {
    Awaitility.await("Kafka broker on " + bootstrapServers())
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "broker exited; see " + dataDir.resolve("broker.log"));
              }
              Map<String, Object> config = new java.util.HashMap<>();
              config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
              config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
              config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
              config.putAll(clientProperties(ADMIN));
              try (Admin admin = Admin.create(config)) {
                return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
              }
            });
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Path writeConfig() throws IOException {
    Files.createDirectories(dataDir.resolve("logs"));
    Properties p = new Properties();
    if (given != null) {
      p.putAll(given);
      p.put("log.dirs", dataDir.resolve("logs").toString());
      return store(p);
    }
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "3");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "true");
    if (security != null) {
      secure(p);
    }
    return store(p);
  }

  private Path store(Properties p) throws IOException {
    Path file = dataDir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(file)) {
      p.store(out, "captrack Kafka broker");
    }
    return file;
  }

  /**
   * Clients and the broker itself on one SASL_SSL listener with SCRAM-SHA-512; the controller
   * listener stays plain on loopback, its callers (this node) taken as super users.
   */
  private void secure(Properties p) {
    p.put(
        "listeners",
        "SASL_SSL://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "SASL_SSL://" + host + ":" + port);
    p.put("inter.broker.listener.name", "SASL_SSL");
    p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    p.put("sasl.enabled.mechanisms", SCRAM);
    p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
    p.put(
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
        jaas(ADMIN, security.users().get(ADMIN)));
    p.put("ssl.keystore.type", "PKCS12");
    p.put("ssl.keystore.location", security.tls().keyStore().toString());
    p.put("ssl.keystore.password", security.tls().password());
    p.put("ssl.key.password", security.tls().password());
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", security.tls().certificate().toString());
    p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    p.put("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
    p.put("auto.create.topics.enable", "false");
  }

  private void run(List<String> args, Path log) throws IOException {
    Process p =
        java(args)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException("Kafka storage format failed; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private ProcessBuilder java(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(classPath);
    command.addAll(args);
    return new ProcessBuilder(command);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
