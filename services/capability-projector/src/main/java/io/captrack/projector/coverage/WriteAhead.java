package io.captrack.projector.coverage;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Builds a batch's writes on helper threads, step after step in the order they are sent, while the
 * batch's own thread sends the steps already built and waits for MongoDB to apply them. Steps go in
 * lanes, one helper each: a lane's steps are built one after another in their order, and a lane's
 * helper is at most one step ahead (it builds a step while the one before it in the lane waits to
 * be sent or is sent), so that no more than one built step per lane waits in memory (built steps
 * held longer outlive young collections and fill the old generation). Two lanes let a step that
 * takes long to build (people's profiles) be built while the steps before it in another lane are
 * sent. Whatever one lane's steps read and cache (a history's timelines, say) no other lane's step
 * may read: each lane has it alone while it works, since the batch's thread only sends and checks
 * epochs meanwhile.
 *
 * <p>The steps still reach MongoDB one after another in {@link BatchWriter}'s order, each after its
 * checks and crash point: only building them (reading the batch, encoding documents) moves to the
 * helpers. A build that fails fails the step that takes it. Closing cancels the builds not begun
 * and waits for those under way, so nothing reads the batch after its writer returns.
 */
final class WriteAhead implements AutoCloseable {

  /** A helper's steps, built in their order, at most one ahead of the one taken last. */
  private static final class Lane {
    private final List<FutureTask<?>> steps = new ArrayList<>();

    /** Steps the helper may build before the batch's thread takes the one built before. */
    private final Semaphore room = new Semaphore(1);

    private Future<?> helper;
  }

  private final List<Lane> lanes = new ArrayList<>();
  private final Map<Future<?>, Lane> laneOf = new IdentityHashMap<>();
  private boolean started;

  /** Steps in {@code lanes} lanes. */
  WriteAhead(int lanes) {
    if (lanes < 1) {
      throw new IllegalArgumentException("at least one lane, not " + lanes);
    }
    for (int i = 0; i < lanes; i++) {
      this.lanes.add(new Lane());
    }
  }

  /** Steps in one lane. */
  WriteAhead() {
    this(1);
  }

  /** A step to build in the first lane, see {@link #build(int, Supplier)}. */
  <T> Future<T> build(Supplier<T> step) {
    return build(0, step);
  }

  /**
   * A step to build in a lane (from 0), after every step asked for before it in that lane; building
   * starts with {@link #start}.
   */
  <T> Future<T> build(int lane, Supplier<T> step) {
    if (started) {
      throw new IllegalStateException("the steps were started already");
    }
    FutureTask<T> task = new FutureTask<>(step::get);
    Lane l = lanes.get(lane);
    l.steps.add(task);
    laneOf.put(task, l);
    return task;
  }

  /**
   * Starts building the steps, each lane's one after another on a helper thread of its own. Without
   * it (a small live batch, whose steps take little to build and whose latency a hand-over to
   * another thread on a busy machine would only add to) each step is built when it is taken, on the
   * taking thread.
   */
  void start() {
    started = true;
    for (Lane lane : lanes) {
      if (lane.steps.isEmpty()) {
        continue;
      }
      List<FutureTask<?>> inOrder = List.copyOf(lane.steps);
      lane.helper =
          Helpers.POOL.submit(
              () ->
                  inOrder.forEach(
                      task -> {
                        lane.room.acquireUninterruptibly();
                        task.run();
                      }));
    }
  }

  /**
   * The step, built; what building it threw, as thrown. A lane's steps are taken in the order they
   * were asked for: its helper builds the next one once this one is taken.
   */
  <T> T take(Future<T> built) {
    Lane lane = laneOf.get(built);
    if (lane == null) {
      throw new IllegalArgumentException("not a step of these writes");
    }
    if (!started && built instanceof FutureTask<T> task) {
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
      // taken or failed, the lane's next step may be built
      lane.room.release();
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

  /** Stops building what was not begun and waits for the builds under way. */
  @Override
  public void close() {
    for (Lane lane : lanes) {
      lane.steps.forEach(s -> s.cancel(false));
      // a helper waiting for room runs through the cancelled steps
      lane.room.release(lane.steps.size());
    }
    boolean interrupted = false;
    for (Lane lane : lanes) {
      while (lane.helper != null) {
        try {
          lane.helper.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          // each step's failure is the step's, taken by whoever takes it
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
