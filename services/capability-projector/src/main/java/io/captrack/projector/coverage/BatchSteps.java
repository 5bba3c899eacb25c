package io.captrack.projector.coverage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Where a batch's time goes: timer {@code captrack.projector.batch.step} tagged {@code step}
 * (lease, load, derive, then the writes in their order: intent, owners, person-events, people,
 * partners, expiries, months, capabilities, done). What a profile of a slow projector starts from,
 * on any deployment.
 */
@Component
class BatchSteps {

  private final MeterRegistry meters;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  BatchSteps(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Records the step that began at {@code since} (a {@link System#nanoTime()}); returns now. */
  long done(String step, long since) {
    long now = System.nanoTime();
    timers
        .computeIfAbsent(
            step,
            s ->
                Timer.builder("captrack.projector.batch.step")
                    .description("time a batch spent in each step")
                    .tag("step", s)
                    .register(meters))
        .record(now - since, TimeUnit.NANOSECONDS);
    return now;
  }
}
