package io.captrack.testkit;

import java.util.Locale;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The one test infrastructure of the repository, started once per JVM: a real Kafka broker and a
 * MongoDB wire-protocol server. Mode {@code embedded} uses spring-kafka's KRaft broker and
 * mongo-java-server in memory; mode {@code containers} uses Testcontainers (apache/kafka, mongo as
 * a replica set). {@code -Dcaptrack.infra=auto} (the default) takes containers when Docker answers.
 */
public final class TestInfrastructure {

  public static final String MODE_PROPERTY = "captrack.infra";

  private static TestInfrastructure shared;

  private final String mode;
  private final String bootstrapServers;
  private final String mongoUri;
  private final ServerTimes serverTimes;

  private TestInfrastructure(
      String mode, String bootstrapServers, String mongoUri, ServerTimes serverTimes) {
    this.serverTimes = serverTimes;
    this.mode = mode;
    this.bootstrapServers = bootstrapServers;
    this.mongoUri = mongoUri;
  }

  /** The infrastructure of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized TestInfrastructure shared() {
    if (shared == null) {
      shared = start(resolveMode());
    }
    return shared;
  }

  static String resolveMode() {
    String mode = System.getProperty(MODE_PROPERTY, "auto").toLowerCase(Locale.ROOT);
    if (mode.equals("auto")) {
      return DockerClientFactory.instance().isDockerAvailable() ? "containers" : "embedded";
    }
    if (!mode.equals("embedded") && !mode.equals("containers")) {
      throw new IllegalArgumentException(MODE_PROPERTY + " must be auto, embedded or containers");
    }
    return mode;
  }

  private static TestInfrastructure start(String mode) {
    if (mode.equals("containers")) {
      KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2");
      MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");
      kafka.start();
      mongo.start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(kafka, mongo)));
      return new TestInfrastructure(
          mode, kafka.getBootstrapServers(), mongo.getConnectionString(), null);
    }
    EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
    kafka.brokerProperty("group.initial.rebalance.delay.ms", "0");
    kafka.afterPropertiesSet();
    MongoStandIn mongo = MongoStandIn.inMemory();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(kafka::destroy, mongo)));
    return new TestInfrastructure(
        mode, kafka.getBrokersAsString(), mongo.connectionString(), mongo.times());
  }

  private static void stopAll(AutoCloseable... parts) {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception ignored) {
        // the JVM is exiting; nothing left to tell
      }
    }
  }

  public String mode() {
    return mode;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The stand-in's time per command in mode {@code embedded}; null with containers. */
  public ServerTimes serverTimes() {
    return serverTimes;
  }

  public String mongoUri() {
    return mongoUri;
  }

  /** A client of this infrastructure's MongoDB server that reports every command it sends. */
  public com.mongodb.client.MongoClient mongoClient(com.mongodb.event.CommandListener listener) {
    return com.mongodb.client.MongoClients.create(
        com.mongodb.MongoClientSettings.builder()
            .applyConnectionString(new com.mongodb.ConnectionString(mongoUri))
            .addCommandListener(listener)
            .build());
  }

  /** The Spring properties that point a captrack service at this infrastructure. */
  public Map<String, Object> springProperties(String database) {
    return Map.of(
        "spring.kafka.bootstrap-servers", bootstrapServers,
        "spring.mongodb.uri", mongoUri,
        "spring.mongodb.database", database,
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
            LocalIssuer.shared().publicKeyLocation());
  }

  /** Registers {@link #springProperties(String)} for a Spring test. */
  public void register(DynamicPropertyRegistry registry, String database) {
    springProperties(database).forEach((k, v) -> registry.add(k, () -> v));
  }
}
