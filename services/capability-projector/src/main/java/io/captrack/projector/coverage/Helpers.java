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

  static final ExecutorService POOL =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "batch-helper-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  private Helpers() {}
}
