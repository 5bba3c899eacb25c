package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Shards of a small batch run at the same time, those of a large one in turn, and a shard that
 * fails fails the batch only once every other shard has finished.
 */
class ShardRunnerTests {

  /** Each shard waits until all have begun: true only if they ran at the same time. */
  private static List<Callable<Boolean>> meeting(int shards, long waitMillis, List<Boolean> met) {
    CountDownLatch begun = new CountDownLatch(shards);
    List<Callable<Boolean>> work = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      work.add(
          () -> {
            begun.countDown();
            boolean all = begun.await(waitMillis, TimeUnit.MILLISECONDS);
            synchronized (met) {
              met.add(all);
            }
            return true;
          });
    }
    return work;
  }

  @Test
  void shardsOfASmallBatchRunAtTheSameTime() {
    try (ShardRunner runner = new ShardRunner(500, 4)) {
      List<Boolean> met = new ArrayList<>();
      assertThat(runner.run(meeting(3, 30_000, met), 120)).isTrue();
      assertThat(met).containsExactly(true, true, true);
    }
  }

  @Test
  void shardsOfALargeBatchRunInTurn() {
    try (ShardRunner runner = new ShardRunner(500, 4)) {
      List<String> threads = new ArrayList<>();
      AtomicInteger running = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      List<Callable<Boolean>> work = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        work.add(
            () -> {
              most.accumulateAndGet(running.incrementAndGet(), Math::max);
              threads.add(Thread.currentThread().getName());
              running.decrementAndGet();
              return true;
            });
      }
      assertThat(runner.run(work, 2000)).isTrue();
      assertThat(most.get()).isEqualTo(1);
      assertThat(threads).containsOnly(Thread.currentThread().getName());
    }
  }

  @Test
  void aShardThatFailsFailsTheBatchAfterTheOthersFinished() {
    try (ShardRunner runner = new ShardRunner(500, 4)) {
      AtomicInteger finished = new AtomicInteger();
      List<Callable<Boolean>> work = new ArrayList<>();
      work.add(
          () -> {
            throw new IllegalStateException("store away");
          });
      for (int i = 0; i < 2; i++) {
        work.add(
            () -> {
              finished.incrementAndGet();
              return true;
            });
      }
      assertThatThrownBy(() -> runner.run(work, 10)).hasMessage("store away");
      assertThat(finished.get()).isEqualTo(2);
    }
  }

  @Test
  void aShardThatWasNotItsConsumersMakesTheBatchIncomplete() {
    try (ShardRunner runner = new ShardRunner(500, 4)) {
      List<Callable<Boolean>> work = List.of(() -> true, () -> false, () -> true);
      assertThat(runner.run(work, 10)).isFalse();
      assertThat(runner.run(work, 5000)).isFalse();
    }
  }
}
