package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
import org.junit.jupiter.api.Test;

/**
 * The projector, a process of its own, is killed with SIGKILL in the middle of a load (no shutdown
 * hook, no last commit, writes cut anywhere) and started again: the read model equals the oracle.
 * Runs in a JVM of its own (failsafe), whose broker and MongoDB server outlive the projector.
 */
class ProjectorCrashIT {

  private static final String GROUP = "crash";
  private static final List<String> CAPABILITIES = List.of("crash.a", "crash.b", "crash.c");

  @Test
  void killedDuringALoadAndRestartedTheReadModelEqualsTheOracle() throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    ProjectorLoad load = ProjectorLoad.people(23, "crash-", 700, CAPABILITIES);
    int sent = load.send(infra.bootstrapServers());
    try (Admin admin = ProjectorFixtures.admin();
        MongoClient mongo = MongoClients.create(infra.mongoUri())) {
      Process projector = start(infra, "first");
      try {
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> ProjectorLoad.progress(admin, GROUP)[0] >= sent / 5);
      } finally {
        projector.destroyForcibly(); // SIGKILL
        projector.waitFor(30, TimeUnit.SECONDS);
      }
      long[] atKill = ProjectorLoad.progress(admin, GROUP);
      assertThat(atKill[0]).as("killed in the middle of the load").isLessThan(atKill[1]);

      Process again = start(infra, "second");
      try {
        await()
            .atMost(Duration.ofMinutes(4))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  long[] progress = ProjectorLoad.progress(admin, GROUP);
                  return progress[0] == progress[1];
                });
        load.assertReadModelEqualsOracle(mongo.getDatabase(GROUP));
      } finally {
        again.destroy();
        again.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** The projector's own main class, in a child JVM with this test's classpath. */
  private static Process start(TestInfrastructure infra, String name) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CapabilityProjectorApplication.class.getName());
    infra.springProperties(GROUP).forEach((k, v) -> command.add("--" + k + "=" + v));
    command.add("--captrack.projector.group-id=" + GROUP);
    command.add("--captrack.projector.max-poll-records=20");
    command.add("--server.port=0");
    Path log = Files.createDirectories(Path.of("target", "crash-it")).resolve(name + ".log");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File("."))
        .start();
  }
}
