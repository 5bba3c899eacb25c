package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.SeparationReason;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentSeparated;
import io.captrack.testkit.TestInfrastructure;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two projectors (two stores on one generation, each with its own memory of month documents) write
 * batches of different shards to the same capability, in turns. After every batch, the figures each
 * of them loads, and those a projector without memory loads, must equal what README's rules give
 * from the events so far: a person hired holds the capability from the hiring day, and from the
 * leaving day no more. Days of this month and of the months ahead, which is what the memory keeps.
 */
@SpringBootTest(
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-memory-it"
    })
class MonthMemoryIntegrationTests {

  private static final String CAPABILITY = "data.ml";

  @Autowired MongoDatabase database;
  @Autowired CoverageProjector projector;
  @Autowired Outbox outbox;
  @Autowired CloudEventCodec codec;
  @Autowired Taxonomy taxonomy;
  @Autowired Clock clock;

  /** Hiring and leaving days of each person so far. */
  private final Map<String, LocalDate> hired = new HashMap<>();

  private final Map<String, LocalDate> left = new HashMap<>();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-memory-it");
  }

  @Test
  void figuresFromMemoryEqualTheEventsAfterEveryBatchOfEitherWriter() {
    String generation = "mem" + UUID.randomUUID().toString().substring(0, 8);
    CoverageStore a = new CoverageStore(database, generation, outbox, codec);
    CoverageStore b = new CoverageStore(database, generation, outbox, codec);
    a.seed(taxonomy);
    LocalDate today = LocalDate.now(clock);
    List<LocalDate> days =
        List.of(
            today,
            today.withDayOfMonth(today.lengthOfMonth()),
            today.plusMonths(1).withDayOfMonth(1),
            today.plusMonths(2).withDayOfMonth(15),
            today.plusMonths(14));
    long offset = 0;
    for (int round = 0; round < 9; round++) {
      // a writes two batches in a row (its memory serves the second), then b one (a must see it)
      boolean byA = round % 3 != 2;
      CoverageStore store = byA ? a : b;
      int shard = byA ? 0 : 1;
      String partition = "talent_events-" + shard;
      List<ProjectionBatch.Input> inputs = new ArrayList<>();
      String joiner = "mem-" + round;
      LocalDate from = days.get(round % days.size());
      hired.put(joiner, from);
      inputs.add(input(partition, offset++, EventTypes.TALENT_HIRED, hire(joiner, from)));
      if (round >= 2) {
        String leaver = "mem-" + (round - 2);
        LocalDate on = days.get((round + 2) % days.size()).plusDays(1);
        if (on.isAfter(hired.get(leaver))) {
          left.put(leaver, on);
          inputs.add(
              input(
                  partition,
                  offset++,
                  EventTypes.TALENT_SEPARATED,
                  new TalentSeparated(leaver, on, SeparationReason.VOLUNTARY)));
        }
      }
      projector.project(inputs, store, true, true);

      CoverageStore fresh = new CoverageStore(database, generation, outbox, codec);
      for (CoverageStore reader : List.of(a, b, fresh)) {
        CapabilityState state =
            reader.loadCapabilities(Set.of(CAPABILITY), Set.copyOf(days)).get(CAPABILITY);
        for (LocalDate day : days) {
          assertThat(state.figuresOn(day).holders())
              .as(
                  "holders on %s after round %d, read by %s",
                  day, round, reader == a ? "a" : reader == b ? "b" : "a store without memory")
              .isEqualTo(holdersOn(day));
        }
      }
    }
    assertThat(a.monthHitsAndMisses()[0]).as("months a served from memory").isPositive();
  }

  /** README: a person holds the capability from the hiring day on, and not from the leaving day. */
  private long holdersOn(LocalDate day) {
    return hired.entrySet().stream()
        .filter(e -> !e.getValue().isAfter(day))
        .filter(e -> left.get(e.getKey()) == null || left.get(e.getKey()).isAfter(day))
        .count();
  }

  private static TalentHired hire(String personRef, LocalDate on) {
    return new TalentHired(
        personRef, List.of(new CapabilityLevel(CAPABILITY, 3)), on, HireType.PERMANENT);
  }

  private static <T> ProjectionBatch.Input input(
      String partition, long offset, EventType<T> type, T data) {
    return new ProjectionBatch.Input(
        Integer.parseInt(partition.substring(partition.lastIndexOf('-') + 1)),
        partition,
        offset,
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), "k", data));
  }
}
