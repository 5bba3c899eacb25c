package io.captrack.projector.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Builds a batch's writes on a helper thread, step after step in the order they are sent, while the
 * batch's own thread sends the steps already built and waits for MongoDB to apply them. The helper
 * is at most one step ahead: it builds a step while the one before it is sent, so that no more than
 * one built step waits in memory (built steps held longer outlive young collections and fill the
 * old generation). The steps still reach MongoDB one after another in {@link BatchWriter}'s order,
 * each after its checks and crash point: only building them (reading the batch, encoding documents)
 * moves to the helper, which reads the batch and its histories alone while it works, since the
 * batch's thread only sends and checks epochs meanwhile. A build that fails fails the step that
 * takes it. Closing cancels the builds not begun and waits for the one under way, so nothing reads
 * the batch after its writer returns.
 */
final class WriteAhead implements AutoCloseable {

  private final List<FutureTask<?>> steps = new ArrayList<>();

  /** Steps the helper may build before the batch's thread takes the one built before. */
  private final Semaphore room = new Semaphore(1);

  private Future<?> helper;

  /** A step to build, after every step asked for before it; building starts with {@link #start}. */
  <T> Future<T> build(Supplier<T> step) {
    if (helper != null) {
      throw new IllegalStateException("the steps were started already");
    }
    FutureTask<T> task = new FutureTask<>(step::get);
    steps.add(task);
    return task;
  }

  /**
   * Starts building the steps, one after another, on a helper thread. Without it (a small live
   * batch, whose steps take little to build and whose latency a hand-over to another thread on a
   * busy machine would only add to) each step is built when it is taken, on the taking thread.
   */
  void start() {
    List<FutureTask<?>> inOrder = List.copyOf(steps);
    helper =
        Helpers.POOL.submit(
            () ->
                inOrder.forEach(
                    task -> {
                      room.acquireUninterruptibly();
                      task.run();
                    }));
  }

  /**
   * The step, built; what building it threw, as thrown. Steps are taken in the order they were
   * asked for: the helper builds the next one once this one is taken.
   */
  <T> T take(Future<T> built) {
    if (helper == null && built instanceof FutureTask<T> task) {
      task.run();
    }
    try {
      return built.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a batch's writes were built", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
    } finally {
      // taken or failed, the next step may be built
      room.release();
    }
  }

  private static RuntimeException rethrown(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      throw r;
    }
    if (cause instanceof Error err) {
      throw err;
    }
    throw new IllegalStateException("building a batch's writes failed", cause);
  }

  /** Stops building what was not begun and waits for the build under way. */
  @Override
  public void close() {
    steps.forEach(s -> s.cancel(false));
    // a helper waiting for room runs through the cancelled steps
    room.release(steps.size());
    if (helper == null) {
      return;
    }
    boolean interrupted = false;
    while (true) {
      try {
        helper.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException e) {
        // each step's failure is the step's, taken by whoever takes it
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
