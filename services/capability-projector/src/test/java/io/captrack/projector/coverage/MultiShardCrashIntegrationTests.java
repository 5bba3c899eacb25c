package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.system.CrashPoints;
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
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A batch of three shards (records of three partition numbers, projected as one batch) fails at
 * each named point between two of its writes. A projector that starts afresh (a store with no
 * memory, no epochs) takes the shards over, completes what each shard's intent names, and is sent
 * the same records again, then one more batch. Every capability's figures on every day must then be
 * what README's rules give (a person hired holds the capability from the hiring day, and from the
 * leaving day no more), and equal those of the same batches projected without a failure. The
 * interrupted batch must have left an intent in each of its shards, so the shards' completions
 * share the documents the batch wrote in one update each.
 */
@SpringBootTest(
    properties = {
      "spring.config.name=capability-projector",
      "captrack.projector.group-id=projector-multishard-it"
    })
class MultiShardCrashIntegrationTests {

  private static final List<String> CAPABILITIES = List.of("data.ml", "data.engineering");

  @Autowired MongoDatabase database;
  @Autowired CoverageProjector projector;
  @Autowired CrashPoints crashPoints;
  @Autowired Outbox outbox;
  @Autowired CloudEventCodec codec;
  @Autowired Taxonomy taxonomy;
  @Autowired Clock clock;

  private final Map<String, LocalDate> hired = new HashMap<>();
  private final Map<String, String> capabilityOf = new HashMap<>();
  private final Map<String, LocalDate> left = new HashMap<>();
  private long offset;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "projector-multishard-it");
  }

  @AfterEach
  void noMoreFailures() {
    crashPoints.onReach(p -> {});
  }

  static List<String> points() {
    return CrashPoints.ALL;
  }

  @ParameterizedTest
  @MethodSource("points")
  void aBatchOfThreeShardsInterruptedAtAPointIsCompletedExactlyOnce(String point) {
    LocalDate today = LocalDate.now(clock);
    List<List<ProjectionBatch.Input>> batches =
        List.of(batch(today, 0), batch(today, 1), batch(today, 2));

    String crashed = "ms" + UUID.randomUUID().toString().substring(0, 8);
    CoverageStore first = new CoverageStore(database, crashed, outbox, codec, 1 << 20);
    first.seed(taxonomy);
    assertThat(projector.project(batches.get(0), first, true, true)).isTrue();
    crashPoints.onReach(
        p -> {
          if (p.equals(point)) {
            throw new SimulatedCrash(p);
          }
        });
    assertThatThrownBy(() -> projector.project(batches.get(1), first, true, true))
        .isInstanceOf(SimulatedCrash.class);
    crashPoints.onReach(p -> {});
    long inflight =
        database
            .getCollection(ReadModel.name(crashed, CoverageStore.SHARDS))
            .countDocuments(new Document("inflight", new Document("$exists", true)));
    assertThat(inflight)
        .as("shards whose intent the failure at %s left", point)
        .isEqualTo(point.equals(CrashPoints.AFTER_DONE) ? 0 : 3);

    CoverageStore restarted = new CoverageStore(database, crashed, outbox, codec, 1 << 20);
    assertThat(projector.project(batches.get(1), restarted, true, true)).isTrue();
    assertThat(projector.project(batches.get(2), restarted, true, true)).isTrue();

    String clean = "ms" + UUID.randomUUID().toString().substring(0, 8);
    CoverageStore without = new CoverageStore(database, clean, outbox, codec, 1 << 20);
    without.seed(taxonomy);
    batches.forEach(b -> assertThat(projector.project(b, without, true, true)).isTrue());

    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = today.minusDays(40); d.isBefore(today.plusDays(70)); d = d.plusDays(1)) {
      days.add(d);
    }
    CoverageStore reader = new CoverageStore(database, crashed, outbox, codec);
    CoverageStore cleanReader = new CoverageStore(database, clean, outbox, codec);
    for (String capability : CAPABILITIES) {
      CapabilityState after =
          reader.loadCapabilities(Set.of(capability), Set.copyOf(days)).get(capability);
      CapabilityState expected =
          cleanReader.loadCapabilities(Set.of(capability), Set.copyOf(days)).get(capability);
      for (LocalDate day : days) {
        assertThat(after.figuresOn(day).holders())
            .as("holders of %s on %s after a failure at %s", capability, day, point)
            .isEqualTo(holdersOn(capability, day));
        assertThat(after.figuresOn(day))
            .as("figures of %s on %s, against a run without failure", capability, day)
            .isEqualTo(expected.figuresOn(day));
      }
    }
  }

  /**
   * README: each step that has anything to write checks the epochs first. A batch of hires has no
   * partners and no expiries to write; taken over after its people, it writes no month document.
   */
  @Test
  void aBatchTakenOverAfterItsPeopleWritesNoMonthThoughTheStepsBetweenHaveNothingToWrite() {
    LocalDate today = LocalDate.now(clock);
    List<ProjectionBatch.Input> hires = batch(today, 0);
    String generation = "ms" + UUID.randomUUID().toString().substring(0, 8);
    CoverageStore mine = new CoverageStore(database, generation, outbox, codec, 1 << 20);
    mine.seed(taxonomy);
    CoverageStore other = new CoverageStore(database, generation, outbox, codec, 1 << 20);
    crashPoints.onReach(
        p -> {
          if (p.equals(CrashPoints.AFTER_PEOPLE)) {
            other.ledger().lease(0, true);
          }
        });

    assertThatThrownBy(() -> projector.project(hires, mine, true, true))
        .isInstanceOf(FencedException.class);

    assertThat(
            database
                .getCollection(ReadModel.name(generation, CoverageStore.PEOPLE))
                .countDocuments())
        .as("people written before the takeover")
        .isEqualTo(12);
    assertThat(
            database
                .getCollection(ReadModel.name(generation, CoverageStore.EXPIRIES))
                .countDocuments())
        .as("hires end on no known day")
        .isZero();
    assertThat(
            database
                .getCollection(ReadModel.name(generation, CoverageStore.MONTHS))
                .countDocuments())
        .as("month documents written after the takeover")
        .isZero();
  }

  /**
   * A batch of three shards reads the people none of its shards keeps in memory in one query for
   * all of them, not one per shard (a live batch of hires spans the three partitions: two round
   * trips less). Its figures are still the rules' own.
   */
  @Test
  void aBatchOfThreeShardsReadsItsPeopleInOneQuery() {
    LocalDate today = LocalDate.now(clock);
    List<ProjectionBatch.Input> first = batch(today, 0);
    List<ProjectionBatch.Input> second = batch(today, 1);
    String generation = "ms" + UUID.randomUUID().toString().substring(0, 8);
    CoverageStore writer = new CoverageStore(database, generation, outbox, codec, 1 << 20);
    writer.seed(taxonomy);
    assertThat(projector.project(first, writer, true, true)).isTrue();
    String people = ReadModel.name(generation, CoverageStore.PEOPLE);
    List<String> finds = new java.util.concurrent.CopyOnWriteArrayList<>();
    CommandListener counting =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("find")
                && people.equals(event.getCommand().getString("find").getValue())) {
              finds.add(event.getCommand().toJson());
            }
          }
        };
    try (MongoClient watched = TestInfrastructure.shared().mongoClient(counting)) {
      // no memory of the first batch: every person the second names is read
      CoverageStore fresh =
          new CoverageStore(
              watched.getDatabase(database.getName()), generation, outbox, codec, 1 << 20);
      assertThat(projector.project(second, fresh, true, true)).isTrue();
    }
    assertThat(finds).as("reads of the people of the batch's three shards").hasSize(1);
    CoverageStore reader = new CoverageStore(database, generation, outbox, codec);
    for (String capability : CAPABILITIES) {
      for (LocalDate day = today.minusDays(40);
          day.isBefore(today.plusDays(70));
          day = day.plusDays(1)) {
        assertThat(
                reader
                    .loadCapabilities(Set.of(capability), Set.of(day))
                    .get(capability)
                    .figuresOn(day)
                    .holders())
            .as("holders of %s on %s", capability, day)
            .isEqualTo(holdersOn(capability, day));
      }
    }
  }

  /** README: a person holds the capability from the hiring day on, and not from the leaving day. */
  private long holdersOn(String capability, LocalDate day) {
    return hired.entrySet().stream()
        .filter(e -> capabilityOf.get(e.getKey()).equals(capability))
        .filter(e -> !e.getValue().isAfter(day))
        .filter(e -> left.get(e.getKey()) == null || left.get(e.getKey()).isAfter(day))
        .count();
  }

  /**
   * Hires on each of three shards, days spread over this month and the next two (so several month
   * documents), and after the first batch leavers among those hired before.
   */
  private List<ProjectionBatch.Input> batch(LocalDate today, int round) {
    List<ProjectionBatch.Input> inputs = new ArrayList<>();
    for (int shard = 0; shard < 3; shard++) {
      for (int i = 0; i < 4; i++) {
        String person = "ms-" + round + "-" + shard + "-" + i;
        String capability = CAPABILITIES.get((shard + i) % CAPABILITIES.size());
        LocalDate on = today.minusDays(30).plusDays(17L * i + 5L * shard + 3L * round);
        hired.put(person, on);
        capabilityOf.put(person, capability);
        inputs.add(
            input(
                shard,
                EventTypes.TALENT_HIRED,
                new TalentHired(
                    person, List.of(new CapabilityLevel(capability, 3)), on, HireType.PERMANENT)));
      }
      if (round > 0) {
        String leaver = "ms-" + (round - 1) + "-" + shard + "-" + round;
        LocalDate on = hired.get(leaver).plusDays(9);
        left.put(leaver, on);
        inputs.add(
            input(
                shard,
                EventTypes.TALENT_SEPARATED,
                new TalentSeparated(leaver, on, SeparationReason.VOLUNTARY)));
      }
    }
    return inputs;
  }

  private <T> ProjectionBatch.Input input(int shard, EventType<T> type, T data) {
    return new ProjectionBatch.Input(
        shard,
        "talent_events-" + shard,
        offset++,
        CloudEvent.of(type, "/test", OffsetDateTime.parse("2026-01-01T00:00:00Z"), "k", data));
  }

  /** A failure between two writes, in place of the JVM halting there. */
  private static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String point) {
      super("failure at " + point);
    }
  }
}
