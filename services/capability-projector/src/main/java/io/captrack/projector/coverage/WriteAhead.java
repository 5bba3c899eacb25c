package io.captrack.projector.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Builds a batch's writes on a helper thread, step after step in the order they are sent, while the
 * batch's own thread sends the steps already built and waits for MongoDB to apply them. The steps
 * still reach MongoDB one after another in {@link BatchWriter}'s order, each after its checks and
 * crash point: only building them (reading the batch, encoding documents) moves to the helper,
 * which reads the batch and its histories alone while it works, since the batch's thread only sends
 * and checks epochs meanwhile. A build that fails fails the step that takes it. Closing cancels the
 * builds not begun and waits for the one under way, so nothing reads the batch after its writer
 * returns.
 */
final class WriteAhead implements AutoCloseable {

  private final List<FutureTask<?>> steps = new ArrayList<>();
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

  /** Starts building the steps, one after another, on a helper thread. */
  void start() {
    List<FutureTask<?>> inOrder = List.copyOf(steps);
    helper = Helpers.POOL.submit(() -> inOrder.forEach(FutureTask::run));
  }

  /** The step, built; what building it threw, as thrown. */
  static <T> T take(Future<T> built) {
    try {
      return built.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a batch's writes were built", e);
    } catch (ExecutionException e) {
      throw rethrown(e.getCause());
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
