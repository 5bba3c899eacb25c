package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.captrack.projector.readmodel.Generations;
import io.captrack.projector.system.CrashPoints;
import io.captrack.testkit.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The projector, a process of its own, dies in the middle of a load and is started again: the read
 * model equals the oracle. Once at each named point between two of its writes (the JVM halts there:
 * no shutdown hook, no commit), and once by SIGKILL at a random moment. Each case sends a load of
 * its own (random people, about one record in ten sent twice, each person with talent and learning
 * records on two partitions that reach the projector in different batches) to a consumer group of
 * its own that starts where the topics end before that load, and checks that load. Runs in a JVM of
 * its own (failsafe), whose broker and MongoDB server outlive the projector. The projector that
 * takes over after the crash runs in this JVM: it starts in a second or two, where a JVM of its own
 * took about seven; what it finds is only what the dead one left in the broker and in MongoDB.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectorCrashIT {

  static List<String> points() {
    return CrashPoints.ALL;
  }

  @Order(1)
  @ParameterizedTest
  @MethodSource("points")
  void haltedAtACrashPointAndRestartedTheReadModelEqualsTheOracle(String point) throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    // the case's own capabilities: ids allow no hyphen ("after-person-events" -> personevents.a)
    String area = point.substring("after-".length()).replace("-", "");
    String group = "crash-" + area;
    try (Admin admin = ProjectorFixtures.admin();
        MongoClient mongo = MongoClients.create(infra.mongoUri())) {
      ProjectorLoad load = load(admin, group, point.hashCode(), area);
      Process projector = start(infra, group, group + "-first", point + ":8");
      boolean exited = projector.waitFor(3, TimeUnit.MINUTES);
      if (!exited) {
        projector.destroyForcibly();
      }
      assertThat(exited).as("the projector reached %s and halted", point).isTrue();
      assertThat(projector.exitValue()).isEqualTo(137);
      assertThat(Files.readString(log(group + "-first"))).contains("CRASH POINT " + point);
      long[] atCrash = ProjectorLoad.progress(admin, group);
      assertThat(atCrash[0]).as("halted in the middle of the load").isLessThan(atCrash[1]);

      restartAndCompare(infra, admin, mongo.getDatabase(group), group, load);
    }
  }

  @Order(2)
  @Test
  void killedAtARandomMomentAndRestartedTheReadModelEqualsTheOracle() throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    String group = "crash-random";
    try (Admin admin = ProjectorFixtures.admin();
        MongoClient mongo = MongoClients.create(infra.mongoUri())) {
      ProjectorLoad load = load(admin, group, 23, "crash");
      long total = ProjectorLoad.progress(admin, group)[1];
      Process projector = start(infra, group, group + "-first", "");
      try {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> ProjectorLoad.progress(admin, group)[0] >= total / 5);
      } finally {
        projector.destroyForcibly(); // SIGKILL
        projector.waitFor(30, TimeUnit.SECONDS);
      }
      long[] atKill = ProjectorLoad.progress(admin, group);
      assertThat(atKill[0]).as("killed in the middle of the load").isLessThan(atKill[1]);

      restartAndCompare(infra, admin, mongo.getDatabase(group), group, load);
    }
  }

  /**
   * A load over the three capabilities of the case's own test area, sent now, after the group's
   * offsets are set to the topics' ends: the group reads this load and no other case's.
   */
  private static ProjectorLoad load(Admin admin, String group, long seed, String area)
      throws Exception {
    ProjectorLoad.startGroupAtTheEnd(admin, group);
    ProjectorLoad load =
        ProjectorLoad.people(seed, area + "-", 150, List.of(area + ".a", area + ".b", area + ".c"));
    assertThat(load.peopleOnTwoTopics())
        .as("people with talent and learning records, which travel on two partitions")
        .isPositive();
    load.send(TestInfrastructure.shared().bootstrapServers());
    return load;
  }

  private static void restartAndCompare(
      TestInfrastructure infra,
      Admin admin,
      MongoDatabase database,
      String group,
      ProjectorLoad load)
      throws Exception {
    try (ConfigurableApplicationContext again = restarted(infra, group)) {
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                long[] progress = ProjectorLoad.progress(admin, group);
                return progress[0] == progress[1];
              });
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          database
                              .getCollection("shards")
                              .countDocuments(
                                  new org.bson.Document(
                                      "inflight", new org.bson.Document("$exists", true))))
                      .as("no batch left half-written")
                      .isZero());
      load.assertReadModelEqualsOracle(database);
      assertThat(again.getBean(Generations.class).liveContainer().getAssignedPartitions())
          .as("the restarted projector took the dead one's partitions")
          .isNotEmpty();
    }
  }

  /** The projector started again after the crash, in this JVM, with the same settings. */
  private static ConfigurableApplicationContext restarted(TestInfrastructure infra, String group) {
    return CapabilityProjectorApplication.application()
        .run(settings(infra, group, "").toArray(String[]::new));
  }

  /** The projector's own main class, in a child JVM with this test's classpath. */
  private static Process start(TestInfrastructure infra, String group, String name, String crashAt)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    // each case starts two projectors on a small load: start-up time is what counts
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CapabilityProjectorApplication.class.getName());
    command.addAll(settings(infra, group, crashAt));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log(name).toFile())
        .directory(new File("."))
        .start();
  }

  private static List<String> settings(TestInfrastructure infra, String group, String crashAt) {
    List<String> args = new ArrayList<>();
    infra.springProperties(group).forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--captrack.projector.group-id=" + group);
    args.add("--captrack.projector.max-poll-records=20");
    args.add("--captrack.projector.crash-at=" + crashAt);
    // the halted consumer leaves the group after its session timeout: keep it at the broker's least
    args.add("--spring.kafka.consumer.properties.session.timeout.ms=6000");
    args.add("--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
    // no web server: what is tested is the consumer and its writes, and each case starts two
    args.add("--spring.main.web-application-type=none");
    return args;
  }

  private static Path log(String name) throws IOException {
    return Files.createDirectories(Path.of("target", "crash-it")).resolve(name + ".log");
  }
}
