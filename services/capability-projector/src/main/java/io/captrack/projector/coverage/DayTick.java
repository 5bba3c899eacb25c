package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.capability.Cause;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Changes that time alone makes: at midnight (UTC) today's figures may differ from yesterday's with
 * no event arriving (a credential, agreement or qualification ended; something back-dated or dated
 * ahead takes effect). The tick announces each capability's change since the last day it announced
 * as one CapabilityCoverageChanged (cause type {@value #CAUSE_TYPE}) and, when the figures cross
 * the target, a gap event. The events go into the capability's outbox in the same update that moves
 * its {@code announcedDay}, filtered on the day before: whichever instance or restart comes first
 * announces, the others find nothing to do. It also runs at start-up, so a projector that was down
 * at midnight catches up.
 */
@Component
public class DayTick {

  /** The cause type of a change that time alone made. */
  public static final String CAUSE_TYPE = "captrack.projector.day-started";

  private static final Logger log = LoggerFactory.getLogger(DayTick.class);

  private final ReadModel readModel;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final Clock clock;

  DayTick(ReadModel readModel, Outbox outbox, ServiceIdentity identity, Clock clock) {
    this.readModel = readModel;
    this.outbox = outbox;
    this.identity = identity;
    this.clock = clock;
  }

  @Scheduled(cron = "${captrack.projector.day-tick.cron:1 0 0 * * *}", zone = "UTC")
  void midnight() {
    tick(LocalDate.now(clock));
  }

  @EventListener(ApplicationReadyEvent.class)
  void started() {
    try {
      tick(LocalDate.now(clock));
    } catch (RuntimeException e) {
      log.warn("the day tick at start-up failed; the midnight tick tries again: {}", e.toString());
    }
  }

  /** Announces what changed by {@code today}; returns how many events went into outboxes. */
  public int tick(LocalDate today) {
    MongoCollection<Document> coverage = readModel.current(CoverageStore.COVERAGE);
    MongoCollection<Document> months = readModel.current(CoverageStore.MONTHS);
    int announced = 0;
    for (Document d :
        coverage.find().projection(new Document(Outbox.EVENTS, 0)).into(new ArrayList<>())) {
      String last = d.getString("announcedDay");
      LocalDate from = last == null ? today.minusDays(1) : LocalDate.parse(last);
      if (!from.isBefore(today)) {
        continue;
      }
      String id = d.getString("_id");
      CapabilityState state =
          new CapabilityReads(coverage, months).load(Set.of(id), Set.of(from, today)).get(id);
      if (state == null) {
        continue;
      }
      List<CloudEvent<?>> events = changes(state, from, today);
      Bson filter =
          and(
              eq("_id", d.get("_id")),
              last == null ? exists("announcedDay", false) : lt("announcedDay", today.toString()));
      if (outbox
              .update(coverage, filter, Updates.set("announcedDay", today.toString()), events)
              .getModifiedCount()
          == 1) {
        announced += events.size();
      }
    }
    return announced;
  }

  private List<CloudEvent<?>> changes(CapabilityState state, LocalDate from, LocalDate today) {
    Announcements announce =
        new Announcements(
            identity.source(),
            state.capabilityId(),
            new Cause("day-" + today, CAUSE_TYPE, identity.source()),
            today.atStartOfDay().atOffset(ZoneOffset.UTC));
    return announce.of(
        state.figuresOn(from), state.figuresOn(today), state.gapOn(from), state.gapOn(today));
  }
}
