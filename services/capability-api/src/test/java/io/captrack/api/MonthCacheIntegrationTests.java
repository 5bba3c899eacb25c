package io.captrack.api;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * capability-api keeps the month documents it read while their capability's document is unchanged.
 * The store is written here batch by batch as README lays the read model out and
 * capability-projector writes it: each batch's month documents first, then the capability's
 * document (its total, latest month, {@code seq.<shard>} and {@code updatedAt}). After every batch
 * each answer must equal the figures README's rule gives from the calendar so far (a day's figures
 * are the sum of every change up to that day), whether months came from memory or from the store.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=capability-api")
class MonthCacheIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final String ID = "data.cache-probe";

  @LocalServerPort int port;
  @Autowired MongoDatabase database;
  @Autowired MeterRegistry meters;

  /** The calendar written so far: day, counter, change. */
  private final TreeMap<LocalDate, Map<String, Long>> calendar = new TreeMap<>();

  private long batch;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "api-cache-it");
  }

  @Test
  void answersFromMemoryEqualTheCalendarAfterEveryBatch() {
    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
    write(Map.of(LocalDate.parse("2026-02-01"), Map.of("holders", 2L, "L3", 2L)));
    check(http);

    double hits = count("hit");
    double misses = count("miss");
    double answers = answers("hit");
    double computed = answers("miss");
    check(http);
    assertThat(count("hit")).as("the same answers again, from memory").isGreaterThan(hits);
    assertThat(count("miss")).as("nothing read from the store again").isEqualTo(misses);
    assertThat(answers("hit")).as("answers served from memory").isGreaterThan(answers);
    assertThat(answers("miss")).as("no answer computed again").isEqualTo(computed);

    // one person's stint inside February: the month's net change, the total and the latest month
    // stay as they were, the days in between change
    write(
        Map.of(
            LocalDate.parse("2026-02-06"), Map.of("holders", 1L, "L3", 1L),
            LocalDate.parse("2026-02-12"), Map.of("holders", -1L, "L3", -1L)));
    check(http);

    // a month that did not exist, then a change years ahead (an expiry)
    write(Map.of(LocalDate.parse("2026-04-01"), Map.of("holders", 1L, "L4", 1L)));
    check(http);
    write(Map.of(LocalDate.parse("2029-04-01"), Map.of("holders", -1L, "L4", -1L)));
    check(http);
    write(Map.of(LocalDate.parse("2026-02-10"), Map.of("holders", -1L, "L3", -1L)));
    check(http);
    assertThat(count("miss")).as("changed months read again").isGreaterThan(misses);
  }

  /**
   * The projector seeds a capability's name and default target without a new batch, so without a
   * new version: an answer kept from before must not outlive the document it was computed from.
   */
  @Test
  void aDocumentChangedWithoutANewBatchIsAnsweredAnew() {
    HttpJson http = HttpJson.local(port).as("pat@planning", "viewer", "planner");
    String id = "data.view-probe";
    database
        .getCollection("coverage")
        .insertOne(
            new org.bson.Document("_id", id)
                .append("name", "View probe")
                .append("area", "data")
                .append("keepsTotal", true)
                .append("total", new org.bson.Document("holders", 3L))
                .append("seq", new org.bson.Document("0", 1L))
                .append("updatedAt", new Date()));
    for (int i = 0; i < 2; i++) {
      JsonNode one = JSON.readTree(http.get("/capabilities/" + id).body());
      assertThat(one.get("name").asString()).isEqualTo("View probe");
      assertThat(one.get("holders").asLong()).isEqualTo(3);
      assertThat(inAll(http, id).get("name").asString()).isEqualTo("View probe");
    }
    double computed = answers("miss");
    double kept = answers("hit");
    assertThat(inAll(http, id).get("holders").asLong()).isEqualTo(3);
    assertThat(answers("hit")).as("every capability's answer kept").isGreaterThan(kept);
    assertThat(answers("miss")).as("none computed again").isEqualTo(computed);
    database
        .getCollection("coverage")
        .updateOne(
            eq("_id", id),
            Updates.combine(
                Updates.set("name", "View probe, renamed"),
                Updates.set(
                    "target",
                    new org.bson.Document("level", 3).append("headcount", 2).append("fte", 0.0))));
    // the list first: it reads the documents less their heavy fields
    JsonNode listed = inAll(http, id);
    assertThat(listed.get("name").asString()).isEqualTo("View probe, renamed");
    assertThat(listed.get("gap").get("headcount").asInt()).isEqualTo(2);
    JsonNode renamed = JSON.readTree(http.get("/capabilities/" + id).body());
    assertThat(renamed.get("name").asString()).isEqualTo("View probe, renamed");
    assertThat(renamed.get("target").get("headcount").asInt()).isEqualTo(2);
    assertThat(renamed.get("gap").get("headcount").asInt())
        .as("2 wanted at L3, none there")
        .isEqualTo(2);
    assertThat(answers("miss")).as("computed anew").isGreaterThan(computed);
  }

  /** The capability's entry in {@code GET /capabilities}. */
  private static JsonNode inAll(HttpJson http, String id) {
    return JSON.readTree(http.get("/capabilities").body())
        .valueStream()
        .filter(n -> n.get("capabilityId").asString().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " is not in GET /capabilities"));
  }

  /** Every answer for the probe's days and months, against the calendar's sums. */
  private void check(HttpJson http) {
    for (String day :
        List.of(
            "2026-02-05", "2026-02-10", "2026-02-15", "2026-03-10", "2026-04-15", "2029-05-01")) {
      JsonNode one = JSON.readTree(http.get("/capabilities/" + ID + "?asOf=" + day).body());
      assertThat(one.get("holders").asLong())
          .as("holders on %s after batch %d", day, batch)
          .isEqualTo(on(LocalDate.parse(day), "holders"));
      JsonNode all = JSON.readTree(http.get("/capabilities?asOf=" + day).body());
      assertThat(all.valueStream().filter(n -> n.get("capabilityId").asString().equals(ID)))
          .singleElement()
          .satisfies(
              n ->
                  assertThat(n.get("holders").asLong())
                      .as("all, on %s after batch %d", day, batch)
                      .isEqualTo(on(LocalDate.parse(day), "holders")));
    }
    JsonNode series =
        JSON.readTree(http.get("/capabilities/" + ID + "/series?from=2026-01&to=2026-06").body());
    List<Long> expected = new ArrayList<>();
    for (YearMonth m = YearMonth.parse("2026-01");
        !m.isAfter(YearMonth.parse("2026-06"));
        m = m.plusMonths(1)) {
      expected.add(on(m.atDay(1), "holders"));
    }
    assertThat(series.valueStream().map(m -> m.get("holders").asLong()))
        .as("series after batch %d", batch)
        .containsExactlyElementsOf(expected);
  }

  /** README's rule: the figure on a day is the sum of every change up to it. */
  private long on(LocalDate day, String counter) {
    return calendar.headMap(day, true).values().stream()
        .mapToLong(c -> c.getOrDefault(counter, 0L))
        .sum();
  }

  /**
   * One batch, written as capability-projector writes one: month documents, then the capability.
   */
  private void write(Map<LocalDate, Map<String, Long>> changes) {
    batch++;
    Map<YearMonth, List<org.bson.conversions.Bson>> months = new TreeMap<>();
    Map<YearMonth, Map<String, Long>> nets = new TreeMap<>();
    Map<String, Long> total = new TreeMap<>();
    changes.forEach(
        (day, counters) -> {
          calendar.computeIfAbsent(day, d -> new TreeMap<>());
          counters.forEach(
              (k, v) -> {
                calendar.get(day).merge(k, v, Long::sum);
                YearMonth m = YearMonth.from(day);
                months
                    .computeIfAbsent(m, x -> new ArrayList<>())
                    .add(Updates.inc(String.format("%02d|%s", day.getDayOfMonth(), k), v));
                nets.computeIfAbsent(m, x -> new TreeMap<>()).merge(k, v, Long::sum);
                total.merge(k, v, Long::sum);
              });
        });
    months.forEach(
        (m, incs) -> {
          nets.get(m)
              .forEach(
                  (k, v) -> {
                    if (v != 0) {
                      incs.add(Updates.inc("net." + k, v));
                    }
                  });
          incs.add(Updates.set("seq.0", batch));
          incs.add(Updates.setOnInsert("capabilityId", ID));
          incs.add(Updates.setOnInsert("month", m.toString()));
          database
              .getCollection("coverage_months")
              .updateOne(
                  eq("_id", ID + "|" + m), Updates.combine(incs), new UpdateOptions().upsert(true));
        });
    List<org.bson.conversions.Bson> update = new ArrayList<>();
    update.add(Updates.setOnInsert("name", "Cache probe"));
    update.add(Updates.setOnInsert("area", "data"));
    update.add(Updates.set("keepsTotal", true));
    update.add(Updates.inc("total.holders", 0L));
    total.forEach(
        (k, v) -> {
          if (v != 0 && !k.equals("holders")) {
            update.add(Updates.inc("total." + k, v));
          }
        });
    if (total.getOrDefault("holders", 0L) != 0) {
      update.set(3, Updates.inc("total.holders", total.get("holders")));
    }
    String latest = calendar.lastKey().toString().substring(0, 7);
    update.add(Updates.max("latestMonth", latest));
    update.add(Updates.set("seq.0", batch));
    update.add(Updates.set("updatedAt", new Date()));
    database
        .getCollection("coverage")
        .updateOne(eq("_id", ID), Updates.combine(update), new UpdateOptions().upsert(true));
  }

  private double count(String result) {
    return meters.get("captrack.api.month.cache").tag("result", result).counter().count();
  }

  private double answers(String result) {
    return meters.get("captrack.api.view.cache").tag("result", result).counter().count();
  }
}
