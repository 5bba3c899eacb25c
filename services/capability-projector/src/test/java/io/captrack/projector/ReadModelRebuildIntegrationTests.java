package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A rebuild replays every topic into the collections of a new generation while the current one
 * answers, reports its progress, and switches readers at once: on request, or by itself once it has
 * caught up.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=rebuild-it",
      "captrack.projector.max-poll-records=50",
      "captrack.projector.rebuild.check-interval-ms=200"
    })
class ReadModelRebuildIntegrationTests {

  private static final String GROUP = "rebuild-it";
  private static final List<String> CAPABILITIES = List.of("rebuild.a", "rebuild.b", "rebuild.c");

  @LocalServerPort int port;
  @Autowired MongoDatabase database;
  @Autowired ReadModel readModel;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "rebuild-it");
  }

  @Test
  void aRebuildFillsNewCollectionsWhileTheOldAnswerThenReadersSwitchAtOnce() throws Exception {
    ProjectorLoad load = ProjectorLoad.people(31, "rebuild-", 150, CAPABILITIES);
    load.send(TestInfrastructure.shared().bootstrapServers());
    try (Admin admin = ProjectorFixtures.admin()) {
      await().atMost(Duration.ofMinutes(2)).ignoreExceptions().until(() -> caughtUp(admin, GROUP));
    }
    load.assertReadModelEqualsOracle(database);
    HttpJson http = HttpJson.local(port).as("otto@operations", "operator");

    JsonNode started = json(http.post("/read-model/rebuild?switch=manual", ""), 202);
    assertThat(started.get("rebuilding").asString()).isEqualTo("g1");
    assertThat(started.get("group").asString()).isEqualTo("rebuild-it-g1");
    JsonNode twice = json(http.post("/read-model/rebuild", ""), 409);
    assertThat(twice.get("type").asString()).endsWith("/rebuild-running");

    // meanwhile the current generation answers, whole
    JsonNode status = json(http.get("/read-model"), 200);
    assertThat(status.get("current").asString()).isEqualTo("g0");
    assertThat(status.get("rebuilding").asString()).isEqualTo("g1");
    assertThat(status.get("progress")).hasSize(2);
    assertThat(status.get("progress").get(1).get("total").asLong()).isPositive();
    // one budget for the memory of histories (README: 96 MiB), shared while both run
    assertThat(cacheBound("g0")).as("live generation's share").isEqualTo(48 << 20);
    assertThat(cacheBound("g1")).as("rebuilding generation's share").isEqualTo(48 << 20);
    assertThat(readModel.current(CoverageStore.COVERAGE).getNamespace().getCollectionName())
        .isEqualTo("coverage");
    load.assertReadModelEqualsOracle(database, readModel.state().current());

    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              JsonNode p = json(http.get("/read-model"), 200).get("progress").get(1);
              return p.get("lag").asLong() == 0;
            });
    load.assertReadModelEqualsOracle(database, "g1");
    assertThat(readModel.state().current()).as("manual: no switch yet").isEqualTo("g0");

    JsonNode switched = json(http.post("/read-model/switch", ""), 200);
    assertThat(switched.get("current").asString()).isEqualTo("g1");
    assertThat(cacheBound("g1"))
        .as("the one generation left has the whole budget")
        .isEqualTo(96 << 20);
    assertThat(switched.get("previous").asString()).isEqualTo("g0");
    assertThat(readModel.current(CoverageStore.COVERAGE).getNamespace().getCollectionName())
        .isEqualTo("g1_coverage");
    load.assertReadModelEqualsOracle(database, readModel.state().current());
    assertThat(json(http.post("/read-model/switch", ""), 409).get("type").asString())
        .endsWith("/no-rebuild");

    // new events land in the generation that answers; the old generation's consumer has stopped
    String late = ProjectorFixtures.ref();
    ProjectorFixtures.send(
        EventTypes.TALENT_HIRED, late, ProjectorFixtures.hire(late, "rebuild.d", 4));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                holders(
                        ProjectorFixtures.coverage(
                            database, readModel.state().current(), "rebuild.d"))
                    == 1);
    assertThat(holders(ProjectorFixtures.coverage(database, "rebuild.d"))).isZero();

    // a rebuild that switches by itself once it has caught up
    JsonNode auto = json(http.post("/read-model/rebuild", ""), 202);
    assertThat(auto.get("rebuilding").asString()).isEqualTo("g2");
    await().atMost(Duration.ofMinutes(2)).until(() -> readModel.state().current().equals("g2"));
    assertThat(readModel.state().previous()).isEqualTo("g1");
    load.assertReadModelEqualsOracle(database, readModel.state().current());
    assertThat(
            holders(ProjectorFixtures.coverage(database, readModel.state().current(), "rebuild.d")))
        .isEqualTo(1);

    // old generations can be dropped, never the one that answers
    assertThat(json(delete(http, "/read-model/generations/g2"), 409).get("type").asString())
        .endsWith("/generation-in-use");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> delete(http, "/read-model/generations/g1").statusCode() == 204);
    assertThat(database.listCollectionNames().into(new java.util.ArrayList<>()))
        .noneMatch(name -> name.startsWith("g1_"))
        .contains("g2_coverage");
    assertThat(readModel.state().previous()).isNull();
    json(delete(http, "/read-model/generations/g1"), 404);
    json(delete(http, "/read-model/generations/nonsense"), 404);
  }

  private static HttpResponse<String> delete(HttpJson http, String path) {
    return http.send("DELETE", path, "application/json", "", java.util.Map.of());
  }

  private static boolean caughtUp(Admin admin, String group) throws Exception {
    long[] progress = ProjectorLoad.progress(admin, group);
    return progress[0] == progress[1];
  }

  private static long holders(Document coverage) {
    return coverage == null
        ? 0
        : ProjectorFixtures.on(coverage, LocalDate.of(2026, 12, 31)).getOrDefault("holders", 0L);
  }

  private static JsonNode json(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return CloudEventCodec.defaultMapper().readTree(response.body());
  }

  private double cacheBound(String generation) {
    return meters
        .get("captrack.projector.history.cache.bound")
        .tag("generation", generation)
        .gauge()
        .value();
  }
}
