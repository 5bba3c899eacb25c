package io.captrack.api.expiry;

import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.web.CommandRejectedException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What expires soon: credentials, agreements and qualifications whose last day falls within the
 * next {@code within} days of {@code asOf}, in 7/30/60/90-day buckets computed at read time.
 */
@RestController
class ExpiryController {

  private static final int[] BUCKETS = {7, 30, 60, 90};

  /** One expiring item. */
  record ExpiringItem(
      String kind,
      String id,
      String holder,
      List<String> capabilityIds,
      LocalDate lastDay,
      long daysLeft,
      int bucket) {}

  /** The answer: items soonest first, and how many fall in each bucket. */
  record Expiring(LocalDate asOf, Map<Integer, Integer> buckets, List<ExpiringItem> items) {}

  private final ReadModel readModel;
  private final Clock clock;

  ExpiryController(ReadModel readModel, Clock clock) {
    this.readModel = readModel;
    this.clock = clock;
  }

  @GetMapping("/expiries")
  Expiring expiring(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
      @RequestParam(defaultValue = "90") int within,
      @RequestParam(required = false) String capabilityId) {
    if (within < 0 || within > 90) {
      throw CommandRejectedException.unprocessable(
          "invalid-window", "within must be between 0 and 90 days");
    }
    LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
    List<ExpiringItem> items = new ArrayList<>();
    Map<Integer, Integer> buckets = new TreeMap<>();
    for (int b : BUCKETS) {
      buckets.put(b, 0);
    }
    for (Document d : readModel.current("expiries").find()) {
      LocalDate last = LocalDate.parse(d.getString("lastDay"));
      long left = ChronoUnit.DAYS.between(day, last);
      List<String> capabilities = d.getList("capabilityIds", String.class);
      if (left < 0
          || left > within
          || (capabilityId != null && !capabilities.contains(capabilityId))) {
        continue;
      }
      int bucket = bucket(left);
      buckets.merge(bucket, 1, Integer::sum);
      items.add(
          new ExpiringItem(
              d.getString("kind"),
              d.getString("id"),
              d.getString("holder"),
              capabilities,
              last,
              left,
              bucket));
    }
    items.sort(Comparator.comparing(ExpiringItem::lastDay).thenComparing(ExpiringItem::id));
    return new Expiring(day, buckets, items);
  }

  private static int bucket(long daysLeft) {
    for (int b : BUCKETS) {
      if (daysLeft <= b) {
        return b;
      }
    }
    return BUCKETS[BUCKETS.length - 1];
  }
}
