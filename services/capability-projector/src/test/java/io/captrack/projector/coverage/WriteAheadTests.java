package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class WriteAheadTests {

  @Test
  void stepsAreBuiltOneAfterAnotherInTheirOrderOnAnotherThread() {
    List<String> order = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    Future<String> first;
    Future<String> second;
    Future<String> third;
    try (WriteAhead ahead = new WriteAhead()) {
      first = ahead.build(() -> step("first", order, threads));
      second = ahead.build(() -> step("second", order, threads));
      third = ahead.build(() -> step("third", order, threads));
      ahead.start();
      assertThat(ahead.take(first)).isEqualTo("first built");
      assertThat(ahead.take(second)).isEqualTo("second built");
      assertThat(ahead.take(third)).isEqualTo("third built");
    }
    assertThat(order).containsExactly("first", "second", "third");
    assertThat(threads).hasSize(3).doesNotContain(Thread.currentThread().getName());
    assertThat(threads.get(0)).startsWith("batch-helper-");
    assertThat(threads).containsOnly(threads.get(0));
  }

  @Test
  void twoLanesBuildSideBySideEachInItsOwnOrderOnAThreadOfItsOwn() throws Exception {
    List<String> order = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    try (WriteAhead ahead = new WriteAhead(2)) {
      // sent in this order: lane 1, lane 1, lane 0 (slow), lane 0
      Future<String> owners = ahead.build(1, () -> step("owners", order, threads));
      Future<String> events = ahead.build(1, () -> step("events", order, threads));
      Future<String> people =
          ahead.build(
              0,
              () -> {
                awaitQuietly(release);
                return step("people", order, threads);
              });
      Future<String> keep = ahead.build(0, () -> step("keep", order, threads));
      ahead.start();
      // the other lane goes on while the first lane's step is still being built
      assertThat(ahead.take(owners)).isEqualTo("owners built");
      assertThat(ahead.take(events)).isEqualTo("events built");
      assertThat(people.isDone()).isFalse();
      release.countDown();
      assertThat(ahead.take(people)).isEqualTo("people built");
      assertThat(ahead.take(keep)).isEqualTo("keep built");
    }
    assertThat(order).containsExactly("owners", "events", "people", "keep");
    assertThat(threads.get(0)).isEqualTo(threads.get(1)).startsWith("batch-helper-");
    assertThat(threads.get(2)).isEqualTo(threads.get(3)).startsWith("batch-helper-");
    assertThat(threads.get(0)).isNotEqualTo(threads.get(2));
  }

  @Test
  void aStepOfAnotherWriteAheadIsRefused() {
    try (WriteAhead ahead = new WriteAhead(2);
        WriteAhead other = new WriteAhead()) {
      Future<String> foreign = other.build(() -> "foreign");
      assertThatThrownBy(() -> ahead.take(foreign))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a step");
    }
  }

  @Test
  void withoutAStartEachStepIsBuiltWhenTakenOnTheTakingThread() {
    List<String> order = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    try (WriteAhead ahead = new WriteAhead()) {
      Future<String> first = ahead.build(() -> step("first", order, threads));
      Future<String> second = ahead.build(() -> step("second", order, threads));
      assertThat(order).isEmpty();
      assertThat(ahead.take(first)).isEqualTo("first built");
      assertThat(order).containsExactly("first");
      assertThat(ahead.take(second)).isEqualTo("second built");
    }
    assertThat(threads).containsOnly(Thread.currentThread().getName());
  }

  @Test
  void aBuildThatFailsFailsItsStepWithItsOwnExceptionAndTheOthersStillBuild() {
    try (WriteAhead ahead = new WriteAhead()) {
      Future<String> broken =
          ahead.build(
              () -> {
                throw new IllegalArgumentException("no such owner");
              });
      Future<String> next = ahead.build(() -> "next");
      ahead.start();
      assertThatThrownBy(() -> ahead.take(broken))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("no such owner");
      assertThat(ahead.take(next)).isEqualTo("next");
    }
  }

  @Test
  void theHelperIsOneStepAheadAtMost() {
    AtomicReference<Thread> helper = new AtomicReference<>();
    try (WriteAhead ahead = new WriteAhead()) {
      Future<String> first =
          ahead.build(
              () -> {
                helper.set(Thread.currentThread());
                return "first";
              });
      Future<String> second = ahead.build(() -> "second");
      ahead.start();
      await().atMost(30, TimeUnit.SECONDS).until(first::isDone);
      // the helper waits for room: the first step is built and not taken yet
      await()
          .atMost(30, TimeUnit.SECONDS)
          .until(() -> helper.get().getState() == Thread.State.WAITING);
      assertThat(second.isDone()).isFalse();

      assertThat(ahead.take(first)).isEqualTo("first");
      assertThat(ahead.take(second)).isEqualTo("second");
    }
  }

  @Test
  void closingWaitsForTheBuildUnderWayAndCancelsTheOnesNotBegun() throws Exception {
    CountDownLatch began = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean firstEnded = new AtomicBoolean();
    AtomicBoolean secondRan = new AtomicBoolean();
    WriteAhead ahead = new WriteAhead();
    ahead.build(
        () -> {
          began.countDown();
          awaitQuietly(release);
          firstEnded.set(true);
          return "first";
        });
    Future<String> second =
        ahead.build(
            () -> {
              secondRan.set(true);
              return "second";
            });
    ahead.start();
    assertThat(began.await(30, TimeUnit.SECONDS)).isTrue();

    // the closer waits for the first build, which waits to be released
    closesOnlyOnceReleased(ahead, release);

    assertThat(firstEnded).isTrue();
    assertThat(secondRan).isFalse();
    assertThat(second.isCancelled()).isTrue();
  }

  @Test
  void closingWaitsForTheBuildsUnderWayInEveryLane() throws Exception {
    CountDownLatch began = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean laterRan = new AtomicBoolean();
    List<String> ended = new CopyOnWriteArrayList<>();
    WriteAhead ahead = new WriteAhead(2);
    for (int lane = 0; lane < 2; lane++) {
      String name = "lane " + lane;
      ahead.build(
          lane,
          () -> {
            began.countDown();
            awaitQuietly(release);
            ended.add(name);
            return name;
          });
    }
    Future<String> later =
        ahead.build(
            1,
            () -> {
              laterRan.set(true);
              return "later";
            });
    ahead.start();
    assertThat(began.await(30, TimeUnit.SECONDS)).isTrue();

    closesOnlyOnceReleased(ahead, release);

    assertThat(ended).containsExactlyInAnyOrder("lane 0", "lane 1");
    assertThat(laterRan).isFalse();
    assertThat(later.isCancelled()).isTrue();
  }

  @Test
  void anEncodedUpsertCarriesTheFilterAndUpdateAsTheDriverWouldRenderThem() {
    Bson filter = Filters.eq("_id", "ux.research:2026-05");
    Bson update = Updates.combine(Updates.inc("03|holders", 2L), Updates.set("seq.4", 7L));
    var registry = MongoClientSettings.getDefaultCodecRegistry();

    var model = Encoded.upsert(registry, filter, update);

    assertThat(model.getOptions().isUpsert()).isTrue();
    assertThat(model.getFilter()).isInstanceOf(RawBsonDocument.class);
    assertThat(model.getUpdate()).isInstanceOf(RawBsonDocument.class);
    assertThat(model.getFilter().toBsonDocument(Document.class, registry))
        .isEqualTo(BsonDocument.parse("{_id: 'ux.research:2026-05'}"));
    assertThat(model.getUpdate().toBsonDocument(Document.class, registry))
        .isEqualTo(
            BsonDocument.parse(
                "{$inc: {'03|holders': {$numberLong: '2'}}, $set: {'seq.4': {$numberLong: '7'}}}"));
  }

  private static String step(String name, List<String> order, List<String> threads) {
    order.add(name);
    threads.add(Thread.currentThread().getName());
    return name + " built";
  }

  /**
   * Closes on another thread, which waits (for the builds under way) until {@code release} lets
   * them end, and then closes.
   */
  private static void closesOnlyOnceReleased(WriteAhead ahead, CountDownLatch release)
      throws InterruptedException {
    AtomicBoolean closed = new AtomicBoolean();
    Thread closer =
        new Thread(
            () -> {
              ahead.close();
              closed.set(true);
            });
    closer.start();
    await().atMost(30, TimeUnit.SECONDS).until(() -> closer.getState() == Thread.State.WAITING);
    assertThat(closed).isFalse();
    release.countDown();
    closer.join(TimeUnit.SECONDS.toMillis(30));
    assertThat(closed).isTrue();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
