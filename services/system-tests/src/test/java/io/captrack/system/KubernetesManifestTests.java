package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every manifest of {@code deploy/k8s} read with the real model classes (fabric8's Kubernetes
 * model, Strimzi's API): no unknown field, a probe and limits on every container, a disruption
 * budget for every workload, the projector within the partitions of its topics, and every topic as
 * the {@code schemas/} catalogue has it.
 */
class KubernetesManifestTests {

  private static final Path BASE = Path.of("..", "..", "deploy", "k8s", "base");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final Map<String, Class<?>> KINDS =
      Map.of(
          "Namespace", Namespace.class,
          "ConfigMap", ConfigMap.class,
          "Service", Service.class,
          "Deployment", Deployment.class,
          "StatefulSet", StatefulSet.class,
          "PodDisruptionBudget", PodDisruptionBudget.class,
          "Kafka", Kafka.class,
          "KafkaNodePool", KafkaNodePool.class,
          "KafkaTopic", KafkaTopic.class,
          "KafkaUser", KafkaUser.class);

  private static final Map<String, List<Object>> RESOURCES = new LinkedHashMap<>();

  @BeforeAll
  static void read() throws IOException {
    JsonNode kustomization = YAML.readTree(BASE.resolve("kustomization.yaml").toFile());
    List<String> listed = new ArrayList<>();
    kustomization.get("resources").forEach(r -> listed.add(r.asText()));
    try (Stream<Path> files = Files.list(BASE)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("every manifest is in kustomization.yaml, and only those")
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(listed.stream(), Stream.of("kustomization.yaml")).toList());
    }
    for (String file : listed) {
      try (YAMLParser parser = new YAMLFactory().createParser(BASE.resolve(file).toFile())) {
        for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
          String kind = doc.path("kind").asText();
          Class<?> type = KINDS.get(kind);
          assertThat(type).as(file + ": a kind this test knows: " + kind).isNotNull();
          Object resource = YAML.treeToValue(doc, type);
          assertThat(unknownFields(resource, kind))
              .as(file + ": fields the " + kind + " model does not know")
              .isEmpty();
          RESOURCES.computeIfAbsent(kind, k -> new ArrayList<>()).add(resource);
        }
      }
    }
  }

  /** Paths of fields that landed in a model's catch-all (a typo, or a field of another version). */
  private static List<String> unknownFields(Object root, String path) {
    List<String> unknown = new ArrayList<>();
    walk(root, path, unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
    return unknown;
  }

  private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        walk(item, path + "[" + i++ + "]", unknown, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, path + "." + k, unknown, seen));
      return;
    }
    String pkg = node.getClass().getPackageName();
    if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
      return;
    }
    for (Method m : node.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || !m.getName().startsWith("get")
          || m.getName().equals("getClass")) {
        continue;
      }
      Object value;
      try {
        value = m.invoke(node);
      } catch (ReflectiveOperationException | RuntimeException e) {
        continue;
      }
      if (m.getName().equals("getAdditionalProperties") && value instanceof Map<?, ?> extra) {
        extra.keySet().forEach(k -> unknown.add(path + "." + k));
      } else {
        walk(value, path + "." + m.getName().substring(3), unknown, seen);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> all(String kind) {
    return (List<T>) (List<?>) RESOURCES.getOrDefault(kind, List.of());
  }

  private static List<PodSpec> pods() {
    List<PodSpec> pods = new ArrayList<>();
    all("Deployment").forEach(d -> pods.add(((Deployment) d).getSpec().getTemplate().getSpec()));
    all("StatefulSet").forEach(s -> pods.add(((StatefulSet) s).getSpec().getTemplate().getSpec()));
    return pods;
  }

  @Test
  void everyContainerHasProbesRequestsAndLimits() {
    assertThat(pods()).hasSize(6);
    for (PodSpec pod : pods()) {
      for (Container c : pod.getContainers()) {
        assertThat(c.getReadinessProbe()).as(c.getName() + " readiness").isNotNull();
        assertThat(c.getLivenessProbe()).as(c.getName() + " liveness").isNotNull();
        assertThat(c.getResources().getRequests()).as(c.getName()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).as(c.getName()).containsKeys("cpu", "memory");
      }
    }
  }

  /**
   * Each service's JVM as the benchmark measured it (services/capability-projector/benchmark): the
   * parallel collector, and a heap sized from the container's memory limit.
   */
  @Test
  void everyServiceRunsTheMeasuredCollectorAndAHeapWithinItsLimit() {
    List<Deployment> services = all("Deployment");
    assertThat(services).hasSize(5);
    for (Deployment d : services) {
      for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
        String options =
            c.getEnv().stream()
                .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(e -> e.getValue())
                .findFirst()
                .orElse("");
        assertThat(options.split(" "))
            .as(c.getName() + " JAVA_TOOL_OPTIONS")
            .contains("-XX:+UseParallelGC")
            .anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage="));
      }
    }
  }

  @Test
  void everyWorkloadHasADisruptionBudget() {
    List<Map<String, String>> budgets =
        all("PodDisruptionBudget").stream()
            .map(b -> ((PodDisruptionBudget) b).getSpec().getSelector().getMatchLabels())
            .toList();
    all("Deployment")
        .forEach(
            d ->
                assertThat(budgets)
                    .as(((Deployment) d).getMetadata().getName())
                    .contains(((Deployment) d).getSpec().getSelector().getMatchLabels()));
    all("StatefulSet")
        .forEach(
            s ->
                assertThat(budgets)
                    .as(((StatefulSet) s).getMetadata().getName())
                    .contains(((StatefulSet) s).getSpec().getSelector().getMatchLabels()));
  }

  @Test
  void theProjectorRunsNoMoreReplicasThanItsTopicsHavePartitions() {
    Deployment projector =
        all("Deployment").stream()
            .map(Deployment.class::cast)
            .filter(d -> d.getMetadata().getName().equals("capability-projector"))
            .findFirst()
            .orElseThrow();
    int partitions = Topics.SOURCES.stream().mapToInt(Topic::partitions).min().orElseThrow();
    assertThat(projector.getSpec().getReplicas()).isBetween(1, partitions);
  }

  @Test
  void everyTopicIsAsTheCatalogueHasIt() {
    Map<String, KafkaTopic> topics = new LinkedHashMap<>();
    all("KafkaTopic")
        .forEach(t -> topics.put(((KafkaTopic) t).getSpec().getTopicName(), (KafkaTopic) t));
    for (Topic topic : Topics.ALL) {
      List<String> names = new ArrayList<>(List.of(topic.name()));
      if (Topics.SOURCES.contains(topic)) {
        names.add(topic.deadLetter());
      }
      for (String name : names) {
        KafkaTopic k = topics.get(name);
        assertThat(k).as("a KafkaTopic for " + name).isNotNull();
        assertThat(k.getSpec().getPartitions()).as(name).isEqualTo(topic.partitions());
        assertThat(k.getSpec().getReplicas()).as(name).isEqualTo(3);
        Map<String, Object> config = k.getSpec().getConfig();
        assertThat(String.valueOf(config.get("min.insync.replicas"))).as(name).isEqualTo("2");
        topic
            .configs()
            .forEach(
                (key, value) ->
                    assertThat(String.valueOf(config.get(key)))
                        .as(name + " " + key)
                        .isEqualTo(value));
      }
    }
  }

  @Test
  void kafkaRunsInKraftWithTlsAndScramAndEveryServiceHasAUser() {
    Kafka kafka = (Kafka) all("Kafka").get(0);
    assertThat(kafka.getMetadata().getAnnotations())
        .containsEntry("strimzi.io/kraft", "enabled")
        .containsEntry("strimzi.io/node-pools", "enabled");
    assertThat(kafka.getSpec().getKafka().getListeners())
        .allSatisfy(
            l -> {
              assertThat(l.isTls()).isTrue();
              assertThat(l.getAuth().getType()).isEqualTo("scram-sha-512");
            });
    List<String> users =
        all("KafkaUser").stream().map(u -> ((KafkaUser) u).getMetadata().getName()).toList();
    List<String> services =
        all("Deployment").stream().map(d -> ((Deployment) d).getMetadata().getName()).toList();
    assertThat(users).containsExactlyInAnyOrderElementsOf(services);
  }
}
