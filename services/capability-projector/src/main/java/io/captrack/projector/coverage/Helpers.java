package io.captrack.projector.coverage;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that take a share of a batch's work off the consumer's own thread while it waits on
 * MongoDB or does the rest ({@link WriteAhead}, {@link Admission}): daemons, created when needed
 * and ended after a minute idle.
 */
final class Helpers {

  private static final AtomicInteger THREADS = new AtomicInteger();

  /**
   * Records a batch needs for its work to be shared with a helper: a smaller one (a live batch of a
   * few records) stays on the consumer's thread, where handing work over would only add the wait
   * for another thread to be scheduled on a busy machine.
   */
  static final int WORTH_SHARING = 256;

  static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "batch-helper-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private Helpers() {}
}
