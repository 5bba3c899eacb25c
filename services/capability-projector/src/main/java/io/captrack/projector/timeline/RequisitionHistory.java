package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.talent.RequisitionClosed;
import io.captrack.schemas.talent.RequisitionOpened;
import io.captrack.schemas.talent.RequisitionOutcome;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One requisition, the BUY channel's pipeline: open from its opening day until the day it closed,
 * for its headcount ({@code requisitions}); a filled requisition gives its time to fill in days
 * ({@code ttc:BUY:<days>}, once per person hired, from the closing day on). Duplicates and arrival
 * order change nothing.
 */
public final class RequisitionHistory {

  private final Map<String, CloudEvent<?>> events = new LinkedHashMap<>();

  public boolean add(CloudEvent<?> event) {
    return events.putIfAbsent(event.id(), event) == null;
  }

  public int size() {
    return events.size();
  }

  public List<CloudEvent<?>> events() {
    return List.copyOf(events.values());
  }

  public Set<String> capabilities() {
    Set<String> ids = new TreeSet<>();
    opened().ifPresent(o -> ids.add(o.capabilityId()));
    return ids;
  }

  public Set<LocalDate> boundaries() {
    Set<LocalDate> days = new TreeSet<>();
    opened().ifPresent(o -> days.add(o.openedOn()));
    closed().ifPresent(c -> days.add(c.closedOn()));
    return days;
  }

  public Map<String, Long> countersOn(String capabilityId, LocalDate day) {
    Map<String, Long> counters = new HashMap<>();
    Optional<RequisitionOpened> opened = opened();
    if (opened.isEmpty() || !opened.get().capabilityId().equals(capabilityId)) {
      return counters;
    }
    RequisitionOpened o = opened.get();
    Optional<RequisitionClosed> closed = closed();
    boolean closedByThen = closed.isPresent() && !closed.get().closedOn().isAfter(day);
    if (!o.openedOn().isAfter(day) && !closedByThen) {
      counters.put("requisitions", (long) o.headcount());
    }
    if (closedByThen
        && closed.get().outcome() == RequisitionOutcome.FILLED
        && closed.get().filled() > 0
        && !closed.get().closedOn().isBefore(o.openedOn())) {
      counters.put(
          "ttc:BUY:" + ChronoUnit.DAYS.between(o.openedOn(), closed.get().closedOn()),
          (long) closed.get().filled());
    }
    return counters;
  }

  private Optional<RequisitionOpened> opened() {
    return first(RequisitionOpened.class);
  }

  private Optional<RequisitionClosed> closed() {
    return first(RequisitionClosed.class);
  }

  /** The first recorded event of a kind (talent-service sends one of each per requisition). */
  private <T> Optional<T> first(Class<T> kind) {
    return events.values().stream()
        .filter(e -> kind.isInstance(e.data()))
        .min(Comparator.comparing(CloudEvent<?>::recordedAt).thenComparing(CloudEvent::id))
        .map(e -> kind.cast(e.data()));
  }
}
