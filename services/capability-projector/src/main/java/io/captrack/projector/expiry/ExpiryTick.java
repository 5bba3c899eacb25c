package io.captrack.projector.expiry;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.ExpiryNotice;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily tick: for each item of {@code expiries} that reached a threshold (90, 60, 30, 7 or 0
 * days before its last day) it sends one ExpiryNotice per capability, once per threshold and last
 * day. The notice goes out through the item's own outbox, together with the record that it was
 * sent, so a tick that runs twice or crashes half-way sends nothing twice. A tick that missed days
 * sends only the most urgent threshold reached.
 */
@Component
public class ExpiryTick {

  static final int[] THRESHOLDS = {0, 7, 30, 60, 90};

  private final ReadModel readModel;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final Clock clock;

  ExpiryTick(ReadModel readModel, Outbox outbox, ServiceIdentity identity, Clock clock) {
    this.readModel = readModel;
    this.outbox = outbox;
    this.identity = identity;
    this.clock = clock;
  }

  @Scheduled(cron = "${captrack.expiry.cron:0 5 0 * * *}", zone = "UTC")
  void daily() {
    tick(LocalDate.now(clock));
  }

  /** Sends the notices due on the day; returns how many went into outboxes. */
  public int tick(LocalDate day) {
    int sent = 0;
    MongoCollection<Document> expiries = readModel.current(CoverageStore.EXPIRIES);
    for (Document item :
        expiries.find().projection(new Document("outbox", 0)).into(new ArrayList<>())) {
      LocalDate last = LocalDate.parse(item.getString("lastDay"));
      long left = ChronoUnit.DAYS.between(day, last);
      if (left < 0 || left > THRESHOLDS[THRESHOLDS.length - 1]) {
        continue;
      }
      int threshold = 0;
      for (int t : THRESHOLDS) {
        if (left <= t) {
          threshold = t;
          break;
        }
      }
      String field = "noticesSent." + item.getString("lastDay");
      List<Integer> already =
          item.get("noticesSent", new Document())
              .getList(item.getString("lastDay"), Integer.class, List.of());
      if (already.contains(threshold)) {
        continue;
      }
      List<CloudEvent<?>> notices = new ArrayList<>();
      for (String capabilityId : item.getList("capabilityIds", String.class)) {
        notices.add(
            CloudEvent.of(
                EventTypes.EXPIRY_NOTICE,
                identity.source(),
                day.atStartOfDay().atOffset(ZoneOffset.UTC),
                capabilityId,
                new ExpiryNotice(
                    capabilityId,
                    item.getString("kind"),
                    item.getString("id"),
                    item.getString("holder"),
                    last,
                    (int) left,
                    threshold)));
      }
      List<Integer> marks = new ArrayList<>();
      for (int t : THRESHOLDS) {
        if (t >= threshold) {
          marks.add(t);
        }
      }
      outbox.update(
          expiries, eq("_id", item.get("_id")), Updates.addEachToSet(field, marks), notices);
      sent += notices.size();
    }
    return sent;
  }
}
