package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.outbox.OutboxRelay;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.KafkaBrokerProcess;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TlsMaterial;
import io.captrack.testkit.TlsProxy;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pipes secured as on a cluster: a real broker that takes clients only over TLS with
 * SASL/SCRAM-SHA-512 and authorizes them by the ACLs of {@code deploy/k8s/base/kafka-users.yaml},
 * and MongoDB reached only over TLS (the stand-in behind a TLS proxy); each service given the Kafka
 * and MongoDB environment of its Deployment in {@code services.yaml} (its own user, its password
 * from what would be its Secret, the CA certificates as PEM trust), only addresses and file paths
 * changed. Commands of the three producers reach the projector and capability-api over it. (The
 * stand-in has no authentication: MongoDB's user and password are not exercised here.)
 */
class SecuredPipesIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final Path WORK = Path.of("target", "secured-pipes");

  private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
  private static KafkaBrokerProcess broker;
  private static TlsMaterial tls;
  private static TlsProxy mongo;
  private static CaptrackSystem system;

  @BeforeAll
  static void start() throws IOException {
    FileSystemUtils.deleteRecursively(WORK);
    Files.createDirectories(WORK);
    tls = TlsMaterial.selfSigned(WORK.resolve("tls"));
    List<KafkaUser> users = Manifests.read("kafka-users.yaml", "KafkaUser", KafkaUser.class);
    PASSWORDS.put(KafkaBrokerProcess.ADMIN, UUID.randomUUID().toString());
    users.forEach(u -> PASSWORDS.put(u.getMetadata().getName(), UUID.randomUUID().toString()));
    broker =
        KafkaBrokerProcess.securedOnFreePorts(
                WORK.resolve("broker"), new KafkaBrokerProcess.Security(tls, PASSWORDS))
            .start();
    try (Admin admin = broker.admin(broker.clientProperties(KafkaBrokerProcess.ADMIN))) {
      List<AclBinding> acls = new ArrayList<>();
      users.forEach(u -> acls.addAll(bindings(u)));
      admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot apply the ACLs of kafka-users.yaml", e);
    }
    URI standIn = URI.create(TestInfrastructure.shared().mongoUri());
    mongo = TlsProxy.to(tls, standIn.getHost(), standIn.getPort());
    Map<String, Map<String, Object>> environments = new HashMap<>();
    for (Deployment deployment : Manifests.read("services.yaml", "Deployment", Deployment.class)) {
      String service = deployment.getMetadata().getName();
      environments.put(service, kafkaEnvironment(deployment, service));
    }
    system =
        new CaptrackSystem(
            broker.bootstrapServers(), TestInfrastructure.shared().mongoUri(), environments);
  }

  @AfterAll
  static void stop() {
    if (system != null) {
      system.close();
    }
    if (broker != null) {
      broker.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }

  /**
   * The Deployment's Kafka variables as the cluster would give them: the manifest's values, with
   * the address of this broker, the path of its certificate and the user's password (the Secret).
   */
  private static Map<String, Object> kafkaEnvironment(Deployment deployment, String service) {
    Map<String, Object> environment = new LinkedHashMap<>();
    for (EnvVar variable :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      String name = variable.getName();
      if (name.equals("KAFKA_PASSWORD")) {
        assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo(service);
        environment.put(name, PASSWORDS.get(service));
      } else if (name.startsWith("SPRING_KAFKA_")
          || name.startsWith("SPRING_MONGODB_SSL_")
          || name.startsWith("SPRING_SSL_BUNDLE_")) {
        assertThat(variable.getValue()).as(service + " " + name).isNotNull();
        environment.put(name, variable.getValue());
      }
    }
    assertThat(environment)
        .as(service + "'s Kafka settings in services.yaml")
        .containsKeys(
            "KAFKA_PASSWORD",
            "SPRING_KAFKA_SECURITY_PROTOCOL",
            "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
            "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION",
            "SPRING_MONGODB_SSL_ENABLED",
            "SPRING_MONGODB_SSL_BUNDLE",
            "SPRING_SSL_BUNDLE_PEM_MONGODB_TRUSTSTORE_CERTIFICATE");
    environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    environment.put(
        "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", "file:" + tls.certificate().toAbsolutePath());
    environment.put(
        "SPRING_SSL_BUNDLE_PEM_MONGODB_TRUSTSTORE_CERTIFICATE",
        "file:" + tls.certificate().toAbsolutePath());
    // the Secret's URI, without credentials (the stand-in has no users)
    environment.put("SPRING_MONGODB_URI", "mongodb://127.0.0.1:" + mongo.port() + "/?tls=true");
    return environment;
  }

  /** A KafkaUser's simple authorization as the broker's ACL bindings. */
  private static List<AclBinding> bindings(KafkaUser user) {
    String principal = "User:" + user.getMetadata().getName();
    KafkaUserAuthorizationSimple simple =
        (KafkaUserAuthorizationSimple) user.getSpec().getAuthorization();
    List<AclBinding> bindings = new ArrayList<>();
    for (AclRule rule : simple.getAcls()) {
      ResourcePattern pattern = pattern(rule);
      AclPermissionType permission =
          rule.getType() == AclRuleType.DENY ? AclPermissionType.DENY : AclPermissionType.ALLOW;
      String host = rule.getHost() == null ? "*" : rule.getHost();
      for (var operation : rule.getOperations()) {
        bindings.add(
            new AclBinding(
                pattern,
                new AccessControlEntry(principal, host, operation(operation), permission)));
      }
    }
    return bindings;
  }

  private static ResourcePattern pattern(AclRule rule) {
    if (rule.getResource() instanceof AclRuleTopicResource t) {
      return new ResourcePattern(ResourceType.TOPIC, t.getName(), patternType(t.getPatternType()));
    }
    if (rule.getResource() instanceof AclRuleGroupResource g) {
      return new ResourcePattern(ResourceType.GROUP, g.getName(), patternType(g.getPatternType()));
    }
    if (rule.getResource() instanceof AclRuleTransactionalIdResource x) {
      return new ResourcePattern(
          ResourceType.TRANSACTIONAL_ID, x.getName(), patternType(x.getPatternType()));
    }
    if (rule.getResource() instanceof AclRuleClusterResource) {
      return new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
    }
    throw new IllegalArgumentException("unknown resource " + rule.getResource());
  }

  private static PatternType patternType(AclResourcePatternType type) {
    return type == AclResourcePatternType.PREFIX ? PatternType.PREFIXED : PatternType.LITERAL;
  }

  /** Strimzi's operation names are Kafka's without underscores (AlterConfigs, ALTER_CONFIGS). */
  private static AclOperation operation(io.strimzi.api.kafka.model.user.acl.AclOperation op) {
    return Arrays.stream(AclOperation.values())
        .filter(k -> k.name().replace("_", "").equals(op.name()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no Kafka operation " + op));
  }

  @Test
  void commandsTravelFromTheProducersToTheProjectorOverTlsAndScram() {
    HttpJson api = CaptrackSystem.http(system.api).as("pat", "viewer");
    CaptrackSystem.http(system.talent)
        .as("harriet", "hr")
        .post(
            "/hires",
            """
            {"hrId":"HR-S1","capabilities":[{"capabilityId":"data.ml","level":4}],
             "startDate":"2026-02-01","hireType":"PERMANENT"}
            """);
    CaptrackSystem.http(system.learning)
        .as("leo", "learning")
        .post(
            "/completions",
            """
            {"hrId":"HR-S2","courseId":"ml-201","capabilityId":"data.ml","success":true,
             "score":91,"levelAwarded":3,"completedOn":"2026-03-01"}
            """);
    var registered =
        CaptrackSystem.http(system.partner)
            .as("alice", "procurement")
            .post("/partners", "{\"name\":\"Secure Partners Ltd\"}");
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

    await("the hire and the completion in capability-api")
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              JsonNode ml = JSON.readTree(api.get("/capabilities/data.ml").body());
              assertThat(ml.get("holders").asInt()).isEqualTo(2);
            });
    KafkaListenerEndpointRegistry listeners =
        system.api.getBean(KafkaListenerEndpointRegistry.class);
    await("capability-api's live stream reading capability.changes")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                !listeners
                    .getListenerContainer("capability-change-stream")
                    .getAssignedPartitions()
                    .isEmpty());
    await("partner-service's outbox published")
        .atMost(Duration.ofSeconds(30))
        .until(() -> system.partner.getBean(OutboxRelay.class).pendingCount() == 0);
    assertThat(mongo.handshakes()).as("connections to MongoDB over TLS").isGreaterThanOrEqualTo(5);
  }

  @Test
  void aWrongPasswordIsRefused() {
    Map<String, Object> config = new HashMap<>(broker.clientProperties("talent-service"));
    config.put("sasl.jaas.config", KafkaBrokerProcess.jaas("talent-service", "not-the-password"));
    try (Admin admin = broker.admin(config)) {
      assertThatThrownBy(() -> admin.describeCluster().nodes().get(15, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aServiceReadsOnlyWhatItsUserIsAllowed() {
    Map<String, Object> config = new HashMap<>(broker.clientProperties("talent-service"));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "talent-snoop");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("partner.events"));
      assertThatThrownBy(
              () -> {
                for (int i = 0; i < 20; i++) {
                  consumer.poll(Duration.ofMillis(500));
                }
              })
          .isInstanceOfAny(
              TopicAuthorizationException.class,
              org.apache.kafka.common.errors.GroupAuthorizationException.class);
    }
  }
}
