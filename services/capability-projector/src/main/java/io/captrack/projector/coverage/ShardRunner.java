package io.captrack.projector.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the shards of one polled batch: one after the other when the batch is large (catching up,
 * where the store is the limit and each shard's working set counts against the heap), at the same
 * time when it is small (live traffic, where a record waits for every shard polled with it). Shards
 * share no document but coverage, which only takes commutative, per-shard guarded changes, so their
 * order does not matter.
 */
final class ShardRunner implements AutoCloseable {

  private final int parallelBelow;
  private final ExecutorService pool;

  /**
   * @param parallelBelow batches of fewer records than this run their shards at the same time; 0
   *     never
   * @param threads how many shards at most run at once
   */
  ShardRunner(int parallelBelow, int threads) {
    this.parallelBelow = parallelBelow;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        parallelBelow > 0 && threads > 1
            ? Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "projector-shard-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                })
            : null;
  }

  /**
   * Runs every shard's work and returns whether all of them completed; a shard that throws fails
   * the batch, after every other shard has finished (so that a retry never overlaps them).
   */
  boolean run(List<Callable<Boolean>> shards, int records) {
    if (pool == null || shards.size() < 2 || records >= parallelBelow) {
      boolean complete = true;
      for (Callable<Boolean> shard : shards) {
        complete &= call(shard);
      }
      return complete;
    }
    List<Future<Boolean>> running = new ArrayList<>();
    shards.forEach(s -> running.add(pool.submit(s)));
    boolean complete = true;
    boolean interrupted = false;
    RuntimeException failure = null;
    for (Future<Boolean> f : running) {
      while (true) {
        try {
          complete &= f.get();
          break;
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
          break;
        } catch (InterruptedException e) {
          // every shard finishes before the batch ends, whatever asks this thread to stop
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure != null) {
      throw failure;
    }
    return complete;
  }

  private static boolean call(Callable<Boolean> shard) {
    try {
      return shard.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
