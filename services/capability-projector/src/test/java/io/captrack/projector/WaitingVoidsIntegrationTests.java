package io.captrack.projector;

import static io.captrack.projector.ProjectorFixtures.hire;
import static io.captrack.projector.ProjectorFixtures.ref;
import static io.captrack.projector.ProjectorFixtures.sendRaw;
import static io.captrack.projector.ProjectorFixtures.training;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.coverage.VoidWatch;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A void waits in the history of the owner it is keyed by until that history holds the event it
 * cancels (README, "Voids"): for good when it is keyed by another owner, until the event arrives
 * when it came first. Either way the wait shows in the metrics and in health, and ends when the
 * event arrives; a misrouted void cancels nothing. The owner documents list the voids that wait, so
 * a projector that starts afresh counts them (this test's database holds its voids only).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-voids-it",
      "captrack.projector.voids.check-every=PT0.2S"
    })
class WaitingVoidsIntegrationTests {

  private static final CloudEventCodec CODEC = new CloudEventCodec();
  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-03-01T00:00:00Z");

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-voids-it");
  }

  @Test
  void aVoidThatWaitsIsCountedAndShownInHealthUntilItsEventArrives() {
    HttpJson http = HttpJson.local(port).as("otto@operations", "operator");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
    String a = ref();
    String b = ref();

    // a's hire, and a void of it keyed by b, as no captrack producer keys it
    CloudEvent<TalentHired> hired =
        CloudEvent.of(EventTypes.TALENT_HIRED, "/test", TIME, a, hire(a, "voids.a", 3));
    sendRaw(CODEC.toRecord(hired));
    CloudEvent<EventVoided> misrouted = voidOf(hired.id(), EventTypes.TALENT_HIRED.name(), b);
    // a's training, voided by a void keyed by a that comes before it
    CloudEvent<TrainingCompleted> trained =
        CloudEvent.of(
                EventTypes.TRAINING_COMPLETED,
                "/test",
                TIME,
                "t-" + a,
                training("e", a, "voids.b", 2))
            .withPartitionKey(a);
    CloudEvent<EventVoided> early = voidOf(trained.id(), EventTypes.TRAINING_COMPLETED.name(), a);

    // the first void waits before the second is sent: latestWaiting then names the second
    sendRaw(CODEC.toRecord(misrouted));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(latestWaiting(http).path("void").asString()).isEqualTo(misrouted.id()));
    JsonNode first = latestWaiting(http);
    assertThat(first.path("keyedBy").asString()).isEqualTo("people:" + b);
    assertThat(first.path("cancels").asString()).isEqualTo(hired.id());
    double waitingBefore = metric(http, "captrack_projector_voids_waiting_total");
    double metBefore = metric(http, "captrack_projector_voids_met_total");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(metric(http, "captrack_projector_voids_unmet")).isEqualTo(1));

    sendRaw(CODEC.toRecord(early));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(latestWaiting(http).path("void").asString()).isEqualTo(early.id()));
    assertThat(metric(http, "captrack_projector_voids_waiting_total"))
        .isGreaterThanOrEqualTo(waitingBefore + 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(metric(http, "captrack_projector_voids_unmet")).isEqualTo(2));
    JsonNode voids = voidsHealth(http);
    assertThat(voids.path("status").asString()).isEqualTo("UP");
    assertThat(voids.path("details").path("unmet").asLong()).isEqualTo(2);
    assertThat(listed(voids.path("details").path("waitingVoids")))
        .containsExactlyInAnyOrder(
            misrouted.id() + " keyed by people:" + b + " cancels " + hired.id(),
            early.id() + " keyed by people:" + a + " cancels " + trained.id());

    sendRaw(CODEC.toRecord(trained));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(metric(http, "captrack_projector_voids_met_total"))
                    .isGreaterThanOrEqualTo(metBefore + 1));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(metric(http, "captrack_projector_voids_unmet")).isEqualTo(1));
    // a projector that starts now counts what the read model holds: the misrouted void alone
    VoidWatch.Count afresh = afresh();
    assertThat(afresh.voids()).isEqualTo(1);
    assertThat(afresh.failure()).isNull();
    assertThat(afresh.listed())
        .containsExactly(
            Map.of("void", misrouted.id(), "keyedBy", "people:" + b, "cancels", hired.id()));
    // the training counts for nothing, being voided; the misrouted void cancelled nothing
    LocalDate day = LocalDate.of(2026, 3, 1);
    assertThat(ProjectorFixtures.on(ProjectorFixtures.coverage(database, "voids.b"), day))
        .doesNotContainKey("holders");
    assertThat(ProjectorFixtures.on(ProjectorFixtures.coverage(database, "voids.a"), day))
        .containsEntry("holders", 1L);
  }

  private static CloudEvent<EventVoided> voidOf(String eventId, String type, String keyedBy) {
    return CloudEvent.of(
            EventTypes.LEARNING_EVENT_VOIDED,
            "/test",
            TIME,
            eventId,
            new EventVoided(eventId, type, "entered in error"))
        .withPartitionKey(keyedBy);
  }

  @Test
  void anOwnerWithManyVoidsThatWaitListsAHundredOfThemAndCountsThemAll() {
    long before = afresh().voids();
    String c = ref();
    for (int i = 0; i < 120; i++) {
      String never = "never-sent-" + c + "-" + i;
      sendRaw(CODEC.toRecord(voidOf(never, EventTypes.TALENT_HIRED.name(), c)));
    }
    MongoCollection<Document> people = new ReadModel(database).current("people");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              Document person = people.find(new Document("_id", c)).first();
              assertThat(person).isNotNull();
              assertThat(person.get("waitCount", Number.class)).isNotNull();
              assertThat(person.get("waitCount", Number.class).intValue()).isEqualTo(120);
            });
    Document person = people.find(new Document("_id", c)).first();
    List<Document> listed = person.getList("waits", Document.class);
    assertThat(listed).hasSize(100);
    assertThat(listed.get(0).getString("cancels")).isEqualTo("never-sent-" + c + "-0");
    assertThat(afresh().voids()).isEqualTo(before + 120);
  }

  /** A watch that starts now, as after a restart: it knows only what the read model holds. */
  private VoidWatch.Count afresh() {
    return new VoidWatch(
            new SimpleMeterRegistry(),
            new ReadModel(database),
            Clock.systemUTC(),
            Duration.ofMinutes(1))
        .recount();
  }

  private static List<String> listed(JsonNode waiting) {
    List<String> listed = new ArrayList<>();
    waiting.forEach(
        w ->
            listed.add(
                w.path("void").asString()
                    + " keyed by "
                    + w.path("keyedBy").asString()
                    + " cancels "
                    + w.path("cancels").asString()));
    return listed;
  }

  private static JsonNode voidsHealth(HttpJson http) {
    return JSON.readTree(http.get("/actuator/health").body()).path("components").path("voids");
  }

  private static JsonNode latestWaiting(HttpJson http) {
    return voidsHealth(http).path("details").path("latestWaiting");
  }

  private static double metric(HttpJson http, String name) {
    return ProjectorFixtures.metric(http.get("/actuator/prometheus").body(), name);
  }
}
