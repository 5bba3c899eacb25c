package io.captrack.projector.coverage;

import io.captrack.platform.readmodel.CoverageCounters;
import io.captrack.projector.timeline.Calendar;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.capability.CoverageFigures;
import io.captrack.schemas.capability.GapFigures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One capability's coverage document while a batch is applied: the stored calendar of holders and
 * partner capacity, the changes the batch adds to it, the positions applied per source partition,
 * and the change events to publish with the write.
 */
final class CapabilityState {

  private final String capabilityId;
  private final StoredCoverage stored;
  private final Calendar added = new Calendar();
  private final Map<String, Long> applied;
  private final Target target;
  private final Map<String, DatedTarget> targets;
  private final Map<String, DatedTarget> addedTargets = new LinkedHashMap<>();
  private final Set<String> touchedPartitions = new LinkedHashSet<>();
  private final List<CloudEvent<?>> changes = new ArrayList<>();
  private boolean forced;
  private CoverageFigures before;
  private Optional<GapFigures> gapBefore;
  private final List<Cause> causes = new ArrayList<>();
  private int causeCount;
  private OffsetDateTime causeTime;
  private LocalDate countedDay;
  private Map<String, Long> counted;

  /** The capability's target: people at a level or above, and partner capacity in hundredths. */
  record Target(int level, int headcount, long fteCenti) {}

  /** A target a planner set from a day on; later days win, then later recording. */
  record DatedTarget(LocalDate from, String recordedAt, Target target) {}

  CapabilityState(
      String capabilityId, StoredCoverage stored, Map<String, Long> applied, Target target) {
    this(capabilityId, stored, applied, target, Map.of());
  }

  CapabilityState(
      String capabilityId,
      StoredCoverage stored,
      Map<String, Long> applied,
      Target target,
      Map<String, DatedTarget> targets) {
    this.capabilityId = capabilityId;
    this.stored = stored;
    this.applied = new HashMap<>(applied);
    this.target = target;
    this.targets = new HashMap<>(targets);
  }

  private MonthMemory.Entry remembered;

  /** What the projector's memory knew of the document's months when the batch read it. */
  void remember(MonthMemory.Entry entry) {
    this.remembered = entry;
  }

  MonthMemory.Entry remembered() {
    return remembered;
  }

  /** Whether its document keeps its total (else it keeps each month's net change itself). */
  boolean keepsTotal() {
    return stored.keepsTotal();
  }

  /** Records a planner's target, by the id of the event that set it (a repeat changes nothing). */
  void setTarget(String eventId, DatedTarget dated) {
    if (targets.putIfAbsent(eventId, dated) == null) {
      addedTargets.put(eventId, dated);
    }
  }

  Map<String, DatedTarget> addedTargets() {
    return addedTargets;
  }

  /**
   * The target in force on a day: the latest planner's target from then or before, else the seed.
   */
  Target targetOn(LocalDate day) {
    return targets.values().stream()
        .filter(t -> !t.from().isAfter(day))
        .max(
            java.util.Comparator.comparing(DatedTarget::from)
                .thenComparing(DatedTarget::recordedAt))
        .map(DatedTarget::target)
        .orElse(target);
  }

  static CapabilityState empty(String capabilityId) {
    return new CapabilityState(capabilityId, StoredCoverage.NONE, Map.of(), null);
  }

  /** The figures against the target on a day, when the capability has a target. */
  Optional<GapFigures> gapOn(LocalDate day) {
    Target target = targetOn(day);
    if (target == null) {
      return Optional.empty();
    }
    Map<String, Long> counters = countersOn(day);
    int atTarget = 0;
    for (int level = Math.max(1, target.level()); level <= 7; level++) {
      atTarget += counters.getOrDefault("L" + level, 0L).intValue();
    }
    long fte = counters.getOrDefault("fte", 0L);
    return Optional.of(
        new GapFigures(
            target.level(),
            target.headcount(),
            BigDecimal.valueOf(target.fteCenti(), 2).stripTrailingZeros(),
            atTarget,
            BigDecimal.valueOf(fte, 2).stripTrailingZeros(),
            Math.max(0, target.headcount() - atTarget),
            BigDecimal.valueOf(Math.max(0, target.fteCenti() - fte), 2).stripTrailingZeros()));
  }

  String capabilityId() {
    return capabilityId;
  }

  /**
   * True when the record at {@code offset} of {@code partition} still has to be applied here, and
   * remembers it as applied.
   */
  boolean claim(String partition, long offset) {
    Long last = applied.get(partition);
    if (last != null && last >= offset) {
      return false;
    }
    applied.put(partition, offset);
    touchedPartitions.add(partition);
    return true;
  }

  /** Notes the figures and gap on the day before the batch's first change to this capability. */
  void noteBefore(LocalDate day) {
    if (before == null) {
      before = figuresOn(day);
      gapBefore = gapOn(day);
    }
  }

  /** Notes an event (or {@code count} of them) that moved this capability in the batch. */
  void noteCause(Cause cause, OffsetDateTime time, int count) {
    if (causes.size() < CapabilityCoverageChanged.MAX_CAUSES) {
      causes.add(cause);
    }
    causeCount += count;
    if (causeTime == null) {
      causeTime = time;
    }
  }

  /** Whether the batch changed this capability and announces it. */
  boolean announcing() {
    return before != null;
  }

  CoverageFigures before() {
    return before;
  }

  Optional<GapFigures> gapBefore() {
    return gapBefore;
  }

  List<Cause> causes() {
    return causes;
  }

  int causeCount() {
    return causeCount;
  }

  OffsetDateTime causeTime() {
    return causeTime;
  }

  /** Remembers the position of a record that changed this capability; positions only grow. */
  void touch(String partition, long offset) {
    applied.merge(partition, offset, Math::max);
    touchedPartitions.add(partition);
  }

  /** Written in this batch even without positions (a recovered batch's deltas). */
  void markDirty() {
    forced = true;
  }

  /** The figures on a day, with what the batch added so far. */
  CoverageFigures figuresOn(LocalDate day) {
    CoverageCounters figures = CoverageCounters.of(countersOn(day));
    return new CoverageFigures(
        figures.holders(), figures.byLevel(), figures.byChannel(), figures.fte());
  }

  void add(Calendar changes) {
    added.plus(changes);
    if (counted != null) {
      changes
          .changes()
          .headMap(countedDay, true)
          .values()
          .forEach(c -> c.forEach((k, v) -> merge(counted, k, v)));
    }
  }

  /**
   * Whether a counter is one the figures and the gap read ({@link #figuresOn}, {@link #gapOn}), see
   * {@link CoverageCounters#isFigure}.
   */
  static boolean figure(String counter) {
    return CoverageCounters.isFigure(counter);
  }

  private static void merge(Map<String, Long> counted, String counter, long change) {
    if (figure(counter)) {
      counted.merge(counter, change, Long::sum);
    }
  }

  /**
   * The counters on a day that the figures read ({@link #figure}), stored and added. The projector
   * asks for one day (today) before and after every record: the sum for that day is taken once and
   * then kept up to date as changes are added, instead of summing the whole calendar each time.
   */
  private Map<String, Long> countersOn(LocalDate day) {
    if (!day.equals(countedDay)) {
      countedDay = day;
      counted = new HashMap<>(stored.on(day, CapabilityState::figure));
      added.on(day).forEach((k, v) -> merge(counted, k, v));
    }
    Map<String, Long> nonZero = new HashMap<>(counted);
    nonZero.values().removeIf(v -> v == 0);
    return nonZero;
  }

  /** What the batch adds to the stored calendar. */
  Calendar added() {
    return added;
  }

  void recordChange(CloudEvent<?> change) {
    changes.add(change);
  }

  boolean dirty() {
    return forced || !touchedPartitions.isEmpty() || !addedTargets.isEmpty();
  }

  Map<String, Long> touchedPositions() {
    Map<String, Long> positions = new HashMap<>();
    touchedPartitions.forEach(p -> positions.put(p, applied.get(p)));
    return positions;
  }

  List<CloudEvent<?>> changes() {
    return changes;
  }
}
