package io.captrack.projector.system;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the projector keeps up: the age of the oldest record it holds and has not applied yet
 * (gauge {@code captrack.projector.oldest.unapplied.age}, seconds), and how long its batches have
 * been failing. Health (and so readiness) goes DOWN with the cause once failures have lasted longer
 * than {@code captrack.projector.readiness.stall-after} (60 s by default).
 */
@Component("projector")
public class ProjectorHealth implements HealthIndicator {

  private final Clock clock;
  private final Duration stallAfter;
  private final AtomicInteger attempts = new AtomicInteger();
  private final Timer batches;
  private final DistributionSummary batchRecords;
  private volatile Instant oldestUnapplied;
  private volatile Instant failingSince;
  private volatile String cause;

  ProjectorHealth(
      Clock clock,
      MeterRegistry meters,
      @Value("${captrack.projector.readiness.stall-after:60s}") Duration stallAfter) {
    this.clock = clock;
    this.stallAfter = stallAfter;
    Gauge.builder(
            "captrack.projector.oldest.unapplied.age", this, ProjectorHealth::oldestAgeSeconds)
        .description("age of the oldest record received and not yet applied, in seconds")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("captrack.projector.failing.attempts", attempts, AtomicInteger::get)
        .description("consecutive failed attempts of the current batch")
        .register(meters);
    batches =
        Timer.builder("captrack.projector.batch")
            .description("time to project a batch that was applied, from its arrival")
            .publishPercentileHistogram()
            .register(meters);
    batchRecords =
        DistributionSummary.builder("captrack.projector.batch.records")
            .description("records in each batch applied")
            .register(meters);
  }

  /** A batch arrives: its oldest record is not applied until the batch is. */
  public void received(List<? extends ConsumerRecord<?, ?>> records) {
    if (oldestUnapplied != null || records.isEmpty()) {
      return;
    }
    long oldest = Long.MAX_VALUE;
    for (ConsumerRecord<?, ?> r : records) {
      oldest = Math.min(oldest, r.timestamp());
    }
    oldestUnapplied = Instant.ofEpochMilli(Math.max(0, oldest));
  }

  /**
   * The batch of {@code records} is applied (or dead-lettered) {@code nanos} after it arrived:
   * nothing held any more.
   */
  public void applied(int records, long nanos) {
    batches.record(nanos, TimeUnit.NANOSECONDS);
    batchRecords.record(records);
    oldestUnapplied = null;
    failingSince = null;
    cause = null;
    attempts.set(0);
  }

  /** An attempt failed for a reason that is not the record's (store away, timeouts). */
  public void failed(Throwable error, int attempt) {
    if (failingSince == null) {
      failingSince = clock.instant();
    }
    attempts.set(attempt);
    cause = describe(error);
  }

  /** Failed attempts of the current batch so far. */
  public int attempts() {
    return attempts.get();
  }

  /** How long batches have been failing, or zero. */
  public Duration failingFor() {
    Instant since = failingSince;
    return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
  }

  double oldestAgeSeconds() {
    Instant oldest = oldestUnapplied;
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis()) / 1000.0;
  }

  @Override
  public Health health() {
    Duration failing = failingFor();
    Health.Builder health =
        failingSince != null && failing.compareTo(stallAfter) > 0 ? Health.down() : Health.up();
    health.withDetail("oldestUnappliedAgeSeconds", oldestAgeSeconds());
    if (failingSince != null) {
      health
          .withDetail("failingSince", failingSince.toString())
          .withDetail("attempts", attempts.get())
          .withDetail("cause", cause);
    }
    return health.build();
  }

  /** The cause chain in one line, innermost last. */
  public static String describe(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null && text.length() < 600; t = t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
      if (t.getCause() == t) {
        break;
      }
    }
    return text.toString();
  }
}
