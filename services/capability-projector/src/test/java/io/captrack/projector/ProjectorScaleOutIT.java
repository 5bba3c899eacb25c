package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.readmodel.Generations;
import io.captrack.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two projector instances in one consumer group, the second joining while the first is busy (a
 * rebalance in the middle of the load), build the same read model as one instance alone, and both
 * equal the oracle. Runs in a JVM of its own (failsafe), with a broker of its own.
 */
class ProjectorScaleOutIT {

  private static final List<String> CAPABILITIES = List.of("scale.a", "scale.b", "scale.c");

  @Test
  void twoInstancesInOneGroupBuildTheSameReadModelAsOne() throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    ProjectorLoad load = ProjectorLoad.people(11, "scale-", 600, CAPABILITIES);
    try (Admin admin = ProjectorFixtures.admin();
        MongoClient mongo = MongoClients.create(infra.mongoUri());
        ConfigurableApplicationContext first = projector(infra, "scale-two")) {
      load.send(infra.bootstrapServers());
      await()
          .atMost(Duration.ofMinutes(2))
          .until(() -> ProjectorLoad.progress(admin, "scale-two")[0] > 0);
      try (ConfigurableApplicationContext second = projector(infra, "scale-two");
          ConfigurableApplicationContext alone = projector(infra, "scale-one")) {
        for (String group : List.of("scale-two", "scale-one")) {
          await()
              .atMost(Duration.ofMinutes(4))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> {
                    long[] progress = ProjectorLoad.progress(admin, group);
                    return progress[0] == progress[1];
                  });
        }
        Collection<TopicPartition> firstOwns = assigned(first);
        Collection<TopicPartition> secondOwns = assigned(second);
        assertThat(firstOwns).as("the first instance owns partitions").isNotEmpty();
        assertThat(secondOwns).as("the second instance owns partitions").isNotEmpty();
        assertThat(firstOwns).doesNotContainAnyElementsOf(secondOwns);
        assertThat(numbers(firstOwns, "talent.events"))
            .as("a person's talent and learning partitions belong to the same instance")
            .isEqualTo(numbers(firstOwns, "learning.events"));

        MongoDatabase two = mongo.getDatabase("scale-two");
        MongoDatabase one = mongo.getDatabase("scale-one");
        for (String capability : CAPABILITIES) {
          assertThat(calendar(two, capability))
              .as("%s: two instances against one", capability)
              .isEqualTo(calendar(one, capability));
        }
        assertThat(two.getCollection(CoverageStore.PEOPLE).countDocuments())
            .isEqualTo(one.getCollection(CoverageStore.PEOPLE).countDocuments());
        load.assertReadModelEqualsOracle(two);
        load.assertReadModelEqualsOracle(one);
      }
    }
  }

  private static ConfigurableApplicationContext projector(TestInfrastructure infra, String group) {
    List<String> args = new ArrayList<>();
    infra.springProperties(group).forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--captrack.projector.group-id=" + group);
    args.add("--captrack.projector.max-poll-records=20");
    args.add("--server.port=0");
    return CapabilityProjectorApplication.application().run(args.toArray(String[]::new));
  }

  private static Collection<TopicPartition> assigned(ConfigurableApplicationContext app) {
    return app.getBean(Generations.class).liveContainer().getAssignedPartitions();
  }

  private static Set<Integer> numbers(Collection<TopicPartition> partitions, String topic) {
    Set<Integer> numbers = new TreeSet<>();
    partitions.stream()
        .filter(p -> p.topic().equals(topic))
        .forEach(p -> numbers.add(p.partition()));
    return numbers;
  }

  /** The calendar without the days whose changes cancelled out. */
  private static Map<String, Object> calendar(MongoDatabase database, String capability) {
    Document coverage = ProjectorFixtures.coverage(database, capability);
    assertThat(coverage).as("coverage of %s", capability).isNotNull();
    Map<String, Object> calendar = new java.util.TreeMap<>();
    coverage
        .get("calendar", new Document())
        .forEach(
            (day, counters) -> {
              Map<String, Object> nonZero = new java.util.TreeMap<>((Document) counters);
              nonZero.values().removeIf(v -> ((Number) v).longValue() == 0);
              if (!nonZero.isEmpty()) {
                calendar.put(day, nonZero);
              }
            });
    return calendar;
  }
}
