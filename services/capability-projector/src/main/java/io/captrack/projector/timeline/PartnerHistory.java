package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Everything captrack knows about one partner, by effective date; like {@link PersonHistory}, a set
 * of events keyed by id, indifferent to duplicates and arrival order.
 *
 * <p>A partner lends a capability on a day only when, that day, its status is ACTIVE, it is
 * qualified for the capability, and an agreement naming the capability is in force (from its start
 * to its end, renewals extending and a termination cutting it, amendments changing the terms from
 * their own date). Its capacity is the sum of those agreements' FTE. Each of the three is read on
 * its own effective timeline, whatever day it was recorded:
 *
 * <ul>
 *   <li>status: the latest change effective on or before the day (ONBOARDING before any);
 *   <li>qualification, per round: the latest decision (QUALIFIED, CONDITIONAL, REJECTED,
 *       DISQUALIFIED) whose validFrom is on or before the day; QUALIFIED and CONDITIONAL hold up to
 *       their validUntil. IN_PROGRESS only says a round is open: it neither grants nor cuts, so a
 *       decision back-dated before its round was opened holds over its whole window, and a new
 *       round in progress leaves a qualification in force alone. Qualified for a capability when
 *       any round naming it has a decision in force that day.
 * </ul>
 *
 * Ties on a date go to the later recorded event, then the larger id.
 */
public final class PartnerHistory {

  private final String partnerId;
  private final Map<String, CloudEvent<?>> events = new LinkedHashMap<>();
  private final Map<String, Optional<TimeToCapability>> timesToCapability = new HashMap<>();

  public PartnerHistory(String partnerId) {
    this.partnerId = partnerId;
  }

  public boolean add(CloudEvent<?> event) {
    if (events.putIfAbsent(event.id(), event) != null) {
      return false;
    }
    timesToCapability.clear();
    return true;
  }

  public List<CloudEvent<?>> events() {
    return List.copyOf(events.values());
  }

  /** The capabilities any agreement or qualification round names. */
  public Set<String> capabilities() {
    Set<String> ids = new TreeSet<>();
    for (CloudEvent<?> e : live()) {
      if (e.data() instanceof PartnerAgreementSigned s) {
        ids.addAll(s.capabilities());
      } else if (e.data() instanceof PartnerAgreementAmended a) {
        ids.addAll(a.capabilities());
      } else if (e.data() instanceof PartnerQualificationChanged q) {
        ids.addAll(q.capabilities());
      }
    }
    return ids;
  }

  /**
   * What the partner adds to a capability's figures on a day: lent capacity ({@code fte}, {@code
   * fte:<partnerId>}); {@code onboarding} while its status is ONBOARDING and a round naming the
   * capability is open (begun, and not ended by a rejection or disqualification in force); and,
   * from the first day it lends capacity, its time to capability in days since its first
   * qualification round for the capability began ({@code ttc:BORROW:<days>}).
   */
  public Map<String, Long> countersOn(String capabilityId, LocalDate day) {
    Map<String, Long> counters = new java.util.HashMap<>();
    fteCentiOn(capabilityId, day).ifPresent(f -> counters.putAll(counters(f)));
    if (statusOn(day) == PartnerStatus.ONBOARDING && roundOpenOn(capabilityId, day)) {
      counters.put("onboarding", 1L);
    }
    timeToCapability(capabilityId)
        .filter(ttc -> !ttc.firstLent().isAfter(day))
        .ifPresent(ttc -> counters.put("ttc:BORROW:" + ttc.days(), 1L));
    return counters;
  }

  /** The first day the partner lent the capability, and the days since its first round for it. */
  private record TimeToCapability(LocalDate firstLent, long days) {}

  /** Computed once per capability while the events stay the same: it does not depend on the day. */
  private Optional<TimeToCapability> timeToCapability(String capabilityId) {
    return timesToCapability.computeIfAbsent(
        capabilityId,
        c -> {
          LocalDate firstLent = null;
          for (LocalDate boundary : boundaries()) {
            if (fteCentiOn(c, boundary).isPresent()) {
              firstLent = boundary;
              break;
            }
          }
          if (firstLent == null) {
            return Optional.empty();
          }
          LocalDate began = firstLent;
          for (CloudEvent<?> e : live()) {
            if (e.data() instanceof PartnerQualificationChanged q
                && q.capabilities().contains(c)
                && q.validFrom().isBefore(began)) {
              began = q.validFrom();
            }
          }
          return Optional.of(
              new TimeToCapability(
                  firstLent, java.time.temporal.ChronoUnit.DAYS.between(began, firstLent)));
        });
  }

  /** Every day on which an answer may change. */
  public Set<LocalDate> boundaries() {
    Set<LocalDate> days = new TreeSet<>();
    for (CloudEvent<?> e : live()) {
      Object d = e.data();
      if (d instanceof PartnerStatusChanged s) {
        days.add(s.effectiveOn());
      } else if (d instanceof PartnerQualificationChanged q) {
        days.add(q.validFrom());
        if (q.validUntil() != null) {
          days.add(q.validUntil().plusDays(1));
        }
      } else if (d instanceof PartnerAgreementSigned s) {
        days.add(s.effectiveFrom());
        addIfPresent(days, s.effectiveTo());
      } else if (d instanceof PartnerAgreementAmended a) {
        days.add(a.effectiveFrom());
        addIfPresent(days, a.effectiveTo());
      } else if (d instanceof PartnerAgreementRenewed r) {
        days.add(r.effectiveTo());
      } else if (d instanceof PartnerAgreementTerminated t) {
        days.add(t.effectiveOn());
      }
    }
    return days;
  }

  /** The capacity, in hundredths of an FTE, the partner lends the capability on the day. */
  public Optional<Long> fteCentiOn(String capabilityId, LocalDate day) {
    if (statusOn(day) != PartnerStatus.ACTIVE || !qualifiedOn(capabilityId, day)) {
      return Optional.empty();
    }
    long centi = 0;
    for (CloudEvent<?> e : live()) {
      if (e.data() instanceof PartnerAgreementSigned s) {
        centi += capacityOn(s, capabilityId, day);
      }
    }
    return centi == 0 ? Optional.empty() : Optional.of(centi);
  }

  /** The partner's agreements and qualifications that end on a known day. */
  public List<Expiry> expiries() {
    List<Expiry> ending = new java.util.ArrayList<>();
    for (CloudEvent<?> e : live()) {
      if (e.data() instanceof PartnerAgreementSigned s) {
        LocalDate end = endOf(s);
        if (end != null) {
          ending.add(
              new Expiry(
                  "AGREEMENT", s.agreementId(), partnerId, capabilities(s), end.minusDays(1)));
        }
      }
    }
    Map<String, PartnerQualificationChanged> latest = decisionsOn(LocalDate.MAX);
    for (PartnerQualificationChanged q : latest.values()) {
      if (q.status().inForce() && q.validUntil() != null) {
        ending.add(
            new Expiry(
                "QUALIFICATION", q.qualificationId(), partnerId, q.capabilities(), q.validUntil()));
      }
    }
    return ending;
  }

  /** The counters a partner's capacity adds: in all, and per partner for dependency views. */
  public Map<String, Long> counters(long fteCenti) {
    return Map.of("fte", fteCenti, "fte:" + partnerId, fteCenti);
  }

  PartnerStatus statusOn(LocalDate day) {
    return live().stream()
        .filter(e -> e.data() instanceof PartnerStatusChanged s && !s.effectiveOn().isAfter(day))
        .max(
            Comparator.comparing(
                    (CloudEvent<?> e) -> ((PartnerStatusChanged) e.data()).effectiveOn())
                .thenComparing(CloudEvent::recordedAt)
                .thenComparing(CloudEvent::id))
        .map(e -> ((PartnerStatusChanged) e.data()).to())
        .orElse(PartnerStatus.ONBOARDING);
  }

  boolean qualifiedOn(String capabilityId, LocalDate day) {
    return decisionsOn(day).values().stream()
        .anyMatch(
            q ->
                q.status().inForce()
                    && q.capabilities().contains(capabilityId)
                    && (q.validUntil() == null || !day.isAfter(q.validUntil())));
  }

  /** Each round's decision in force on the day: the latest by validFrom up to the day. */
  private Map<String, PartnerQualificationChanged> decisionsOn(LocalDate day) {
    Map<String, PartnerQualificationChanged> latest = new LinkedHashMap<>();
    rounds()
        .forEach(
            q -> {
              if (q.status() != QualificationStatus.IN_PROGRESS && !q.validFrom().isAfter(day)) {
                latest.put(q.qualificationId(), q);
              }
            });
    return latest;
  }

  /**
   * The rounds naming a capability that are open on the day: begun (any state from then or before)
   * and not ended by a rejection or disqualification in force.
   */
  private boolean roundOpenOn(String capabilityId, LocalDate day) {
    Map<String, PartnerQualificationChanged> decided = decisionsOn(day);
    return rounds().stream()
        .filter(q -> q.capabilities().contains(capabilityId) && !q.validFrom().isAfter(day))
        .map(PartnerQualificationChanged::qualificationId)
        .anyMatch(
            id -> {
              PartnerQualificationChanged d = decided.get(id);
              return d == null
                  || (d.status() != QualificationStatus.REJECTED
                      && d.status() != QualificationStatus.DISQUALIFIED);
            });
  }

  /** Every qualification state, in effective order: validFrom, then recorded, then id. */
  private List<PartnerQualificationChanged> rounds() {
    return live().stream()
        .filter(e -> e.data() instanceof PartnerQualificationChanged)
        .sorted(
            Comparator.comparing(
                    (CloudEvent<?> e) -> ((PartnerQualificationChanged) e.data()).validFrom())
                .thenComparing(CloudEvent::recordedAt)
                .thenComparing(CloudEvent::id))
        .map(e -> (PartnerQualificationChanged) e.data())
        .toList();
  }

  private long capacityOn(PartnerAgreementSigned signed, String capabilityId, LocalDate day) {
    if (day.isBefore(signed.effectiveFrom())) {
      return 0;
    }
    Optional<PartnerAgreementAmended> amended = termsOn(signed.agreementId(), day);
    List<String> capabilities =
        amended.map(PartnerAgreementAmended::capabilities).orElse(signed.capabilities());
    BigDecimal fte = amended.map(PartnerAgreementAmended::capacityFte).orElse(signed.capacityFte());
    LocalDate end = endOf(signed, amended);
    boolean inForce = end == null || day.isBefore(end);
    return inForce && capabilities.contains(capabilityId)
        ? fte.movePointRight(2).longValueExact()
        : 0;
  }

  /** The latest amendment in effect on the day, if any. */
  private Optional<PartnerAgreementAmended> termsOn(String agreementId, LocalDate day) {
    return live().stream()
        .filter(
            e ->
                e.data() instanceof PartnerAgreementAmended a
                    && a.agreementId().equals(agreementId)
                    && !a.effectiveFrom().isAfter(day))
        .max(
            Comparator.comparing(
                    (CloudEvent<?> e) -> ((PartnerAgreementAmended) e.data()).effectiveFrom())
                .thenComparing(CloudEvent::recordedAt)
                .thenComparing(CloudEvent::id))
        .map(e -> (PartnerAgreementAmended) e.data());
  }

  /** The first day the agreement is over, as its latest terms say; null when open-ended. */
  private LocalDate endOf(PartnerAgreementSigned signed) {
    return endOf(signed, termsOn(signed.agreementId(), LocalDate.MAX));
  }

  private List<String> capabilities(PartnerAgreementSigned signed) {
    return termsOn(signed.agreementId(), LocalDate.MAX)
        .map(PartnerAgreementAmended::capabilities)
        .orElse(signed.capabilities());
  }

  private LocalDate endOf(
      PartnerAgreementSigned signed, Optional<PartnerAgreementAmended> amended) {
    String id = signed.agreementId();
    LocalDate end = amended.isPresent() ? amended.get().effectiveTo() : signed.effectiveTo();
    Optional<LocalDate> renewed =
        live().stream()
            .filter(
                e -> e.data() instanceof PartnerAgreementRenewed r && r.agreementId().equals(id))
            .max(Comparator.comparing(CloudEvent<?>::recordedAt).thenComparing(CloudEvent::id))
            .map(e -> ((PartnerAgreementRenewed) e.data()).effectiveTo());
    if (end != null && renewed.isPresent() && renewed.get().isAfter(end)) {
      end = renewed.get();
    }
    for (CloudEvent<?> e : live()) {
      if (e.data() instanceof PartnerAgreementTerminated t
          && t.agreementId().equals(id)
          && (end == null || t.effectiveOn().isBefore(end))) {
        end = t.effectiveOn();
      }
    }
    return end;
  }

  /** The events not cancelled by a void. */
  private List<CloudEvent<?>> live() {
    Set<String> voided = new HashSet<>();
    events.values().stream()
        .map(CloudEvent::data)
        .filter(EventVoided.class::isInstance)
        .forEach(d -> voided.add(((EventVoided) d).voidedEventId()));
    Predicate<CloudEvent<?>> alive = e -> !voided.contains(e.id());
    return events.values().stream().filter(alive).toList();
  }

  private static void addIfPresent(Set<LocalDate> days, LocalDate day) {
    if (day != null) {
      days.add(day);
    }
  }
}
