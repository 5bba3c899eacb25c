package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.captrack.testkit.KafkaBrokerProcess;
import io.captrack.testkit.TlsMaterial;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/compose.yaml} keeps the settings of the Kubernetes manifests (it cannot be run
 * here: no Docker engine; its broker configuration is run with a broker process): every service of
 * {@code services.yaml} with a healthcheck and the Deployment's Spring settings (Kafka over
 * SASL_SSL with SCRAM, MongoDB over TLS, JSON logs), a SCRAM user for every KafkaUser, and exactly
 * the ACLs of {@code kafka-users.yaml}.
 */
class ComposeFileTests {

  private static final Path COMPOSE = Path.of("..", "..", "deploy", "compose.yaml");

  /** Settings whose value is an address or a file path, which differ between the two. */
  private static final Set<String> PLACE_BOUND =
      Set.of(
          "SPRING_KAFKA_BOOTSTRAP_SERVERS",
          "SPRING_KAFKA_SSL_TRUST_STORE_LOCATION",
          "SPRING_SSL_BUNDLE_PEM_MONGODB_TRUSTSTORE_CERTIFICATE",
          "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");

  private static JsonNode compose;

  @BeforeAll
  static void read() throws IOException {
    // SnakeYAML resolves the file's merge keys (<<: *environment); Jackson's YAML reader does not
    try (var in = Files.newInputStream(COMPOSE)) {
      Object tree = new Yaml().load(in);
      compose = new ObjectMapper().valueToTree(tree);
    }
  }

  @Test
  void everyServiceRunsWithTheDeploymentsSettingsAndAHealthcheck() {
    List<Deployment> deployments = Manifests.read("services.yaml", "Deployment", Deployment.class);
    assertThat(deployments).hasSize(5);
    for (Deployment deployment : deployments) {
      String name = deployment.getMetadata().getName();
      JsonNode service = compose.path("services").path(name);
      assertThat(service.isMissingNode()).as(name + " in compose.yaml").isFalse();
      assertThat(service.path("healthcheck").path("test").isArray())
          .as(name + "'s healthcheck")
          .isTrue();
      JsonNode environment = service.path("environment");
      for (EnvVar variable :
          deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
        String key = variable.getName();
        if (!key.startsWith("SPRING_") && !key.startsWith("LOGGING_")) {
          continue;
        }
        assertThat(environment.has(key)).as(name + " sets " + key).isTrue();
        if (variable.getValue() != null && !PLACE_BOUND.contains(key)) {
          assertThat(environment.get(key).asText())
              .as(name + " " + key)
              .isEqualTo(variable.getValue());
        }
      }
      assertThat(environment.get("SPRING_MONGODB_URI").asText())
          .as(name + " reaches MongoDB with TLS and a user")
          .contains("tls=true")
          .contains("authSource=admin")
          .startsWith("mongodb://captrack:");
      assertThat(environment.get("KAFKA_USER").asText()).isEqualTo(name);
      // compose reads $$ as a literal $, left for Spring's placeholders
      assertThat(
              environment
                  .get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")
                  .asText()
                  .replace("$$", "$"))
          .contains("ScramLoginModule")
          .contains("username=\"${KAFKA_USER}\"");
    }
  }

  @Test
  void everyKafkaUserHasItsCredentialAndExactlyItsAcls() {
    List<KafkaUser> users = Manifests.read("kafka-users.yaml", "KafkaUser", KafkaUser.class);
    String kafka = String.join("\n", texts(compose.path("services").path("kafka").path("command")));
    Matcher loop = Pattern.compile("for user in ([a-z\\- ]+); do").matcher(kafka);
    assertThat(loop.find()).as("the kafka service's SCRAM users").isTrue();
    assertThat(Set.of(loop.group(1).trim().split(" ")))
        .containsExactlyInAnyOrderElementsOf(
            users.stream().map(u -> u.getMetadata().getName()).toList());

    Set<String> expected = new TreeSet<>();
    for (KafkaUser user : users) {
      for (AclRule rule :
          ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
        for (var operation : rule.getOperations()) {
          expected.add(acl(user.getMetadata().getName(), rule, operation.toValue()));
        }
      }
    }
    Set<String> applied = new TreeSet<>();
    String script =
        String.join("\n", texts(compose.path("services").path("kafka-acls").path("command")));
    Matcher line =
        Pattern.compile(
                "^\\s*acl User:(\\S+) --(topic|group) '?([^' ]+)'? --resource-pattern-type (\\w+)((?: --operation \\w+)+)\\s*$",
                Pattern.MULTILINE)
            .matcher(script);
    while (line.find()) {
      for (String operation : line.group(5).trim().split("\\s*--operation\\s+")) {
        if (!operation.isBlank()) {
          applied.add(
              line.group(1)
                  + " "
                  + line.group(2)
                  + ":"
                  + line.group(3)
                  + ":"
                  + line.group(4)
                  + " "
                  + operation);
        }
      }
    }
    assertThat(applied).as("ACLs applied by compose's kafka-acls").isEqualTo(expected);
  }

  /**
   * The broker configuration compose gives Kafka, run for real (addresses and file paths made
   * local): it starts, takes a SCRAM user over TLS with its PEM key store, and refuses a wrong
   * password.
   */
  @Test
  void itsKafkaConfigurationRunsABrokerThatTakesScramOverTls() throws Exception {
    Path work = Path.of("target", "compose-kafka");
    FileSystemUtils.deleteRecursively(work);
    TlsMaterial tls = TlsMaterial.selfSigned(work.resolve("tls"));
    String adminPassword = UUID.randomUUID().toString();
    int port = KafkaBrokerProcess.anyFreePort();
    int controller = KafkaBrokerProcess.anyFreePort();
    String content =
        compose
            .path("configs")
            .path("kafka-server")
            .path("content")
            .asText()
            .replace("@ADMIN_PASSWORD@", adminPassword)
            .replace("/certs/kafka.pem", tls.keyAndCertificatePem().toAbsolutePath().toString())
            .replace("/certs/ca.crt", tls.certificate().toAbsolutePath().toString())
            .replace("SASL_SSL://kafka:9093", "SASL_SSL://127.0.0.1:9093")
            .replace(":9093", ":" + port)
            .replace(":9094", ":" + controller);
    Properties config = new Properties();
    config.load(new StringReader(content));
    var security =
        new KafkaBrokerProcess.Security(
            tls,
            Map.of(
                KafkaBrokerProcess.ADMIN,
                adminPassword,
                "talent-service",
                UUID.randomUUID().toString()));
    // start() waits until the admin, over SASL_SSL with SCRAM, sees the cluster
    try (KafkaBrokerProcess broker =
        KafkaBrokerProcess.withConfig(work.resolve("broker"), config, port, security).start()) {
      try (Admin user = broker.admin(broker.clientProperties("talent-service"))) {
        assertThat(user.describeCluster().nodes().get(15, TimeUnit.SECONDS)).hasSize(1);
      }
      Map<String, Object> wrong = new HashMap<>(broker.clientProperties("talent-service"));
      wrong.put("sasl.jaas.config", KafkaBrokerProcess.jaas("talent-service", "wrong"));
      try (Admin intruder = broker.admin(wrong)) {
        assertThatThrownBy(() -> intruder.describeCluster().nodes().get(15, TimeUnit.SECONDS))
            .hasCauseInstanceOf(SaslAuthenticationException.class);
      }
    }
  }

  private static String acl(String user, AclRule rule, String operation) {
    String type;
    String name;
    AclResourcePatternType pattern;
    if (rule.getResource() instanceof AclRuleTopicResource t) {
      type = "topic";
      name = t.getName();
      pattern = t.getPatternType();
    } else if (rule.getResource() instanceof AclRuleGroupResource g) {
      type = "group";
      name = g.getName();
      pattern = g.getPatternType();
    } else {
      throw new AssertionError("compose.yaml knows topic and group ACLs only: " + rule);
    }
    String kafkaPattern = pattern == AclResourcePatternType.PREFIX ? "prefixed" : "literal";
    return user + " " + type + ":" + name + ":" + kafkaPattern + " " + operation;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
