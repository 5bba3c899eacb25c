package io.captrack.projector.coverage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says which voids wait: in the log (each written batch that has any), in metrics ({@code
 * captrack.projector.voids.waiting} and {@code .met}, counters; {@code .unmet}, their difference
 * since start) and in health ({@code voids}, UP with the counts and the latest void that waits). A
 * void waits in the history of the owner it is keyed by until that history holds the event it
 * cancels: for a moment when it came first (the two travel on different topics), for good when a
 * producer keyed it by another owner (README, "Voids"); nothing else tells the two apart. Only the
 * generation that answers queries reports: a rebuild replays what it reported already.
 */
@Component("voids")
public class VoidWatch implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(VoidWatch.class);

  /** How many of a batch's voids its log line names. */
  private static final int NAMED = 3;

  private final Counter waiting;
  private final Counter met;
  private volatile VoidNotes.Wait latest;

  VoidWatch(MeterRegistry meters) {
    waiting =
        Counter.builder("captrack.projector.voids.waiting")
            .description(
                "voids that wait in the history of the owner they are keyed by for the event they"
                    + " cancel: it has not arrived, or the void is keyed by another owner")
            .register(meters);
    met =
        Counter.builder("captrack.projector.voids.met")
            .description("events that arrived after a void that waited for them")
            .register(meters);
    Gauge.builder("captrack.projector.voids.unmet", this, VoidWatch::unmet)
        .description("voids that began to wait since start less the events they met")
        .register(meters);
  }

  /** A batch that answers queries was written: its voids that wait, and the events voids met. */
  void written(VoidNotes notes) {
    List<VoidNotes.Wait> waits = notes.waiting();
    List<VoidNotes.Wait> meets = notes.met();
    if (!waits.isEmpty()) {
      waiting.increment(waits.size());
      latest = waits.get(waits.size() - 1);
      log.info(
          "{} void(s) wait for the event they cancel, which the history of the owner they are keyed"
              + " by does not hold (it has not arrived yet, or the void is keyed by another owner"
              + " than the event's): {}",
          waits.size(),
          waits.stream()
              .limit(NAMED)
              .map(w -> w.voidId() + " keyed by " + w.owner() + " cancels " + w.eventId())
              .collect(Collectors.joining("; ")));
    }
    if (!meets.isEmpty()) {
      met.increment(meets.size());
      log.info(
          "{} event(s) arrived that a waiting void cancels: {}",
          meets.size(),
          meets.stream()
              .limit(NAMED)
              .map(w -> w.eventId() + " of " + w.owner())
              .collect(Collectors.joining("; ")));
    }
  }

  /** Voids that began to wait since start less the events they met. */
  double unmet() {
    return waiting.count() - met.count();
  }

  /** UP: a waiting void is no failure of the projector's, but an operator wants to see it. */
  @Override
  public Health health() {
    Health.Builder health =
        Health.up()
            .withDetail("waitingSinceStart", (long) waiting.count())
            .withDetail("metSinceStart", (long) met.count())
            .withDetail("unmet", (long) unmet());
    VoidNotes.Wait last = latest;
    if (last != null) {
      health.withDetail(
          "latestWaiting",
          Map.of("void", last.voidId(), "keyedBy", last.owner(), "cancels", last.eventId()));
    }
    return health.build();
  }
}
