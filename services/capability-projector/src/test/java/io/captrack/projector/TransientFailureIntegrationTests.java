package io.captrack.projector;

import static io.captrack.projector.ProjectorFixtures.hire;
import static io.captrack.projector.ProjectorFixtures.metric;
import static io.captrack.projector.ProjectorFixtures.ref;
import static io.captrack.projector.ProjectorFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import io.captrack.projector.system.CrashPoints;
import io.captrack.schemas.EventTypes;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A failure that is not the record's fault (here MongoDB not answering between two writes of a
 * batch): the batch is retried with back-off, never dead-lettered; readiness goes DOWN with the
 * cause once it has lasted longer than the configured time, the metrics show the failing attempts
 * and the age of the oldest record held; when the store answers again the half-written batch is
 * completed and every record counts once.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-transient-it",
      "captrack.projector.readiness.stall-after=1s"
    })
class TransientFailureIntegrationTests {

  @LocalServerPort int port;
  @Autowired MongoDatabase database;
  @Autowired CrashPoints crashPoints;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-transient-it");
  }

  @Test
  void aStoreThatDoesNotAnswerIsRetriedReportedAndThenAppliedOnce() {
    HttpJson http = HttpJson.local(port).as("otto@operations", "operator");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
    AtomicBoolean storeAway = new AtomicBoolean(true);
    crashPoints.onReach(
        point -> {
          if (storeAway.get() && point.equals(CrashPoints.AFTER_INTENT)) {
            throw new MongoTimeoutException("simulated: MongoDB did not answer in time");
          }
        });
    String person = ref();
    send(EventTypes.TALENT_HIRED, person, hire(person, "transient.a", 4));

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              var readiness = http.get("/actuator/health/readiness");
              assertThat(readiness.statusCode()).isEqualTo(503);
              assertThat(readiness.body()).contains("simulated: MongoDB did not answer");
            });
    String metrics = http.get("/actuator/prometheus").body();
    assertThat(metric(metrics, "captrack_projector_failing_attempts")).isGreaterThan(0);
    assertThat(metric(metrics, "captrack_projector_oldest_unapplied_age_seconds")).isGreaterThan(0);

    storeAway.set(false);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
              Document coverage = ProjectorFixtures.coverage(database, "transient.a");
              assertThat(ProjectorFixtures.on(coverage, LocalDate.of(2026, 6, 1)))
                  .containsEntry("holders", 1L)
                  .containsEntry("L4", 1L)
                  .containsEntry("BUY", 1L);
            });
    String after = http.get("/actuator/prometheus").body();
    assertThat(metric(after, "captrack_projector_failing_attempts")).isZero();
    assertThat(metric(after, "captrack_projector_oldest_unapplied_age_seconds")).isZero();
  }
}
