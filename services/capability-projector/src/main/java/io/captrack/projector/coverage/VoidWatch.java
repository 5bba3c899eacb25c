package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Projections.include;

import io.captrack.platform.readmodel.ReadModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Says which voids wait: in the log (each written batch that has any), in metrics ({@code
 * captrack.projector.voids.waiting} and {@code .met}, counters since start; {@code .unmet}, the
 * voids that wait in the read model, every shard's, as last counted) and in health ({@code voids},
 * UP with those figures, a few of the voids that wait and the latest to begin). A void waits in the
 * history of the owner it is keyed by until that history holds the event it cancels: for a moment
 * when it came first (the two travel on different topics), for good when a producer keyed it by
 * another owner (README, "Voids"); nothing else tells the two apart. Owner documents list their
 * voids that wait ({@link OwnerDocuments#WAITS}), so the count survives a restart and covers the
 * shards other instances hold: every instance reports the same figure, and a dashboard takes the
 * maximum. It is counted at start, every {@code captrack.projector.voids.recount-every} (1 min) and
 * at the next check ({@code captrack.projector.voids.check-every}, 15 s) after a batch of this
 * instance changed which voids wait. Only the generation that answers queries reports: a rebuild
 * replays what it reported already.
 */
@Component("voids")
public class VoidWatch implements HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(VoidWatch.class);

  /** How many of a batch's voids its log line names. */
  private static final int NAMED = 3;

  /** How many voids that wait health names. */
  static final int LISTED = 5;

  private final Counter waiting;
  private final Counter met;
  private final ReadModel readModel;
  private final Clock clock;
  private final Duration recountEvery;
  private volatile VoidNotes.Wait latest;
  private volatile boolean changed = true;
  private volatile Count count;

  /**
   * What the read model held at {@code at}: how many voids wait, a few of them ({@code listed}:
   * owner, void, the event it cancels); or why it could not be counted ({@code failure}, the
   * figures those of the last count).
   */
  public record Count(long voids, List<Map<String, String>> listed, Instant at, String failure) {}

  public VoidWatch(
      MeterRegistry meters,
      ReadModel readModel,
      Clock clock,
      @Value("${captrack.projector.voids.recount-every:PT1M}") Duration recountEvery) {
    this.readModel = readModel;
    this.clock = clock;
    this.recountEvery = recountEvery;
    waiting =
        Counter.builder("captrack.projector.voids.waiting")
            .description(
                "voids that began to wait in the history of the owner they are keyed by for the"
                    + " event they cancel: it has not arrived, or the void is keyed by another owner")
            .register(meters);
    met =
        Counter.builder("captrack.projector.voids.met")
            .description("events that arrived after a void that waited for them")
            .register(meters);
    Gauge.builder("captrack.projector.voids.unmet", this, VoidWatch::unmet)
        .description(
            "voids that wait in the read model (every shard's), as last counted; every instance"
                + " reports the same figure")
        .register(meters);
  }

  /** A batch that answers queries was written: its voids that wait, and the events voids met. */
  void written(VoidNotes notes) {
    List<VoidNotes.Wait> waits = notes.waiting();
    List<VoidNotes.Wait> meets = notes.met();
    if (!waits.isEmpty()) {
      waiting.increment(waits.size());
      latest = waits.get(waits.size() - 1);
      changed = true;
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
      changed = true;
      log.info(
          "{} event(s) arrived that a waiting void cancels: {}",
          meets.size(),
          meets.stream()
              .limit(NAMED)
              .map(w -> w.eventId() + " of " + w.owner())
              .collect(Collectors.joining("; ")));
    }
  }

  /**
   * Counts again when a batch changed which voids wait since the last count, or when the last is
   * older than {@code recount-every}.
   */
  @Scheduled(fixedDelayString = "${captrack.projector.voids.check-every:PT15S}")
  void check() {
    Count last = count;
    if (changed || last == null || !clock.instant().isBefore(last.at().plus(recountEvery))) {
      recount();
    }
  }

  /** Counts the voids that wait in the owner documents of the generation that answers queries. */
  public Count recount() {
    changed = false;
    Instant now = clock.instant();
    try {
      long voids = 0;
      List<Map<String, String>> listed = new ArrayList<>();
      for (String collection : List.of(CoverageStore.PEOPLE, CoverageStore.PARTNERS)) {
        for (Document owner :
            readModel
                .current(collection)
                .find(exists(OwnerDocuments.WAITING_VOID))
                .projection(include(OwnerDocuments.WAITS, OwnerDocuments.WAITS_COUNT))) {
          List<Document> waits = owner.getList(OwnerDocuments.WAITS, Document.class, List.of());
          Number many = owner.get(OwnerDocuments.WAITS_COUNT, Number.class);
          voids += many == null ? waits.size() : many.longValue();
          for (Document w : waits) {
            if (listed.size() < LISTED) {
              Map<String, String> one = new LinkedHashMap<>();
              one.put("void", w.getString("void"));
              one.put("keyedBy", collection + ":" + owner.get("_id"));
              one.put("cancels", w.getString("cancels"));
              listed.add(one);
            }
          }
        }
      }
      count = new Count(voids, List.copyOf(listed), now, null);
    } catch (RuntimeException e) {
      // the store is away: the next check tries again; health and the log say so meanwhile
      changed = true;
      Count last = count;
      count =
          new Count(
              last == null ? -1 : last.voids(),
              last == null ? List.of() : last.listed(),
              last == null ? now : last.at(),
              e.toString());
      log.warn(
          "could not count the voids that wait in the read model, will try again: {}",
          e.toString());
    }
    return count;
  }

  /** The voids that wait in the read model as last counted; NaN before the first count. */
  double unmet() {
    Count last = count;
    return last == null || last.voids() < 0 ? Double.NaN : last.voids();
  }

  /** UP: a waiting void is no failure of the projector's, but an operator wants to see it. */
  @Override
  public Health health() {
    Health.Builder health =
        Health.up()
            .withDetail("waitingSinceStart", (long) waiting.count())
            .withDetail("metSinceStart", (long) met.count());
    Count last = count;
    if (last != null) {
      if (last.voids() >= 0) {
        health
            .withDetail("unmet", last.voids())
            .withDetail("waitingVoids", last.listed())
            .withDetail("countedAt", last.at().toString());
      }
      if (last.failure() != null) {
        health.withDetail("countFailed", last.failure());
      }
    }
    VoidNotes.Wait newest = latest;
    if (newest != null) {
      health.withDetail(
          "latestWaiting",
          Map.of("void", newest.voidId(), "keyedBy", newest.owner(), "cancels", newest.eventId()));
    }
    return health.build();
  }
}
