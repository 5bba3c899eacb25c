package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.captrack.projector.readmodel.Generations;
import io.captrack.projector.system.CrashPoints;
import io.captrack.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A zombie consumer: instance A stops in the middle of a batch (at a named point between two of its
 * writes) for longer than {@code max.poll.interval.ms}, so Kafka gives its partitions to instance
 * B, which takes the shards over and projects everything; then A resumes and finishes its batch. A
 * must write nothing more: the read model equals the oracle, every person document holds all of the
 * person's events (none overwritten by A's older copy), and no position ever goes backwards. Runs
 * in a JVM of its own (failsafe).
 */
class ProjectorZombieIT {

  @ParameterizedTest
  @ValueSource(strings = {CrashPoints.AFTER_INTENT, CrashPoints.AFTER_OWNERS})
  void aConsumerThatLostItsPartitionsWritesNothing(String pausedAt) throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    String group = "zombie-" + pausedAt;
    // capabilities of the case's own (test taxonomy); the case's group reads its load and no other
    String area = pausedAt.substring("after-".length());
    ProjectorLoad load =
        ProjectorLoad.people(
            pausedAt.hashCode(), group + "-", 200, List.of(area + ".a", area + ".b", area + ".c"));
    try (Admin admin = ProjectorFixtures.admin()) {
      ProjectorLoad.startGroupAtTheEnd(admin, group);
    }
    load.send(infra.bootstrapServers());
    CountDownLatch paused = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    PositionWatch positions = new PositionWatch();
    try (Admin admin = ProjectorFixtures.admin();
        MongoClient mongo = MongoClients.create(infra.mongoUri());
        ConfigurableApplicationContext a = projector(infra, group)) {
      MongoDatabase database = mongo.getDatabase(group);
      positions.watch(database);
      a.getBean(CrashPoints.class)
          .onReach(
              point -> {
                if (point.equals(pausedAt) && first.compareAndSet(true, false)) {
                  paused.countDown();
                  hold(release);
                }
              });
      assertThat(paused.await(2, TimeUnit.MINUTES)).as("A paused at " + pausedAt).isTrue();

      try (ConfigurableApplicationContext b = projector(infra, group)) {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  long[] progress = ProjectorLoad.progress(admin, group);
                  return progress[0] == progress[1];
                });
        assertThat(b.getBean(Generations.class).liveContainer().getAssignedPartitions())
            .as("B took A's partitions over")
            .isNotEmpty();
        release.countDown();
        // A resumes, is fenced at its next write, rejoins the group and gets partitions again
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    !a.getBean(Generations.class)
                        .liveContainer()
                        .getAssignedPartitions()
                        .isEmpty());
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  long[] progress = ProjectorLoad.progress(admin, group);
                  return progress[0] == progress[1];
                });
        positions.stop();
        load.assertPeopleHoldTheirEvents(database);
        load.assertReadModelEqualsOracle(database);
        assertThat(positions.backwards).as("positions that went backwards").isEmpty();
        assertThat(positions.samples.get()).as("positions were watched").isGreaterThan(10);
      } finally {
        release.countDown();
      }
    }
  }

  private static void hold(CountDownLatch latch) {
    try {
      latch.await(3, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Samples every position stored in coverage and the shard ledger, and notes any decrease. */
  private static final class PositionWatch {
    final ConcurrentLinkedQueue<String> backwards = new ConcurrentLinkedQueue<>();
    final AtomicInteger samples = new AtomicInteger();
    private final Map<String, Long> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();

    void watch(MongoDatabase database) {
      sampler.scheduleWithFixedDelay(() -> sample(database), 0, 50, TimeUnit.MILLISECONDS);
    }

    private void sample(MongoDatabase database) {
      for (String collection : List.of("coverage", "shards")) {
        for (Document d : database.getCollection(collection).find()) {
          d.get("applied", new Document())
              .forEach(
                  (p, o) -> {
                    String key = collection + "/" + d.get("_id") + "/" + p;
                    long offset = ((Number) o).longValue();
                    Long before = last.put(key, offset);
                    if (before != null && offset < before) {
                      backwards.add(key + ": " + before + " -> " + offset);
                    }
                  });
        }
      }
      samples.incrementAndGet();
    }

    void stop() throws InterruptedException {
      sampler.shutdown();
      sampler.awaitTermination(10, TimeUnit.SECONDS);
    }
  }

  private static ConfigurableApplicationContext projector(TestInfrastructure infra, String group) {
    List<String> args = new ArrayList<>();
    infra.springProperties(group).forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--captrack.projector.group-id=" + group);
    args.add("--captrack.projector.max-poll-records=20");
    args.add("--spring.kafka.consumer.properties.max.poll.interval.ms=6000");
    args.add("--spring.kafka.consumer.properties.session.timeout.ms=6000");
    args.add("--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
    args.add("--server.port=0");
    return CapabilityProjectorApplication.application().run(args.toArray(String[]::new));
  }
}
