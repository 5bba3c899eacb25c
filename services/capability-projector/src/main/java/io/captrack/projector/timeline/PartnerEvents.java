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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A partner's events that no void cancelled, typed and indexed once for the rules of {@link
 * PartnerHistory}: each question ("the status on a day", "a round's decision on a day", "an
 * agreement's terms on a day") is a look-up in a map by effective day, not a pass over the events.
 */
final class PartnerEvents {

  /** The status from each day on. */
  TreeMap<LocalDate, PartnerStatus> statuses = new TreeMap<>();

  /** Per qualification round, its decision (not IN_PROGRESS) in force from each validFrom. */
  final Map<String, TreeMap<LocalDate, PartnerQualificationChanged>> decisions = new HashMap<>();

  /** Per capability, the rounds a decision of which names it. */
  final Map<String, Set<String>> decidedRounds = new HashMap<>();

  /** Per capability, the rounds any state of which names it, with the first day one does. */
  final Map<String, Map<String, LocalDate>> roundsBegun = new HashMap<>();

  /** The signed agreements, in the order they arrived. */
  final List<PartnerAgreementSigned> signed = new ArrayList<>();

  /**
   * Per capability, the signed agreements whose terms (signed or amended) ever name it, each with
   * the days outside which it lends nothing under any of its terms.
   */
  final Map<String, List<Lending>> signedFor = new HashMap<>();

  /**
   * A signed agreement with the first day it can lend ({@code effectiveFrom}) and the latest end
   * any of its terms gives ({@code until}, exclusive; null when some terms leave it open): on a day
   * outside them it lends nothing, whichever terms are in effect then. Its terms as signed and as
   * each amendment sets them from its effectiveFrom are resolved once, with their ends, so that a
   * day's capacity is one look-up.
   */
  record Lending(
      PartnerAgreementSigned signed,
      LocalDate from,
      LocalDate until,
      Terms initial,
      NavigableMap<LocalDate, Terms> amended) {

    /** False when the agreement lends nothing on the day under any of its terms. */
    boolean mayLendOn(LocalDate day) {
      return !day.isBefore(from) && (until == null || day.isBefore(until));
    }

    /** The capacity, in hundredths of an FTE, the agreement lends the capability on the day. */
    long capacityOn(String capabilityId, LocalDate day) {
      if (day.isBefore(signed.effectiveFrom())) {
        return 0;
      }
      Map.Entry<LocalDate, Terms> e = amended.floorEntry(day);
      Terms t = e == null ? initial : e.getValue();
      boolean inForce = t.end() == null || day.isBefore(t.end());
      return inForce && t.capabilities().contains(capabilityId) ? t.fteCenti() : 0;
    }
  }

  /**
   * One version of an agreement's terms: the capabilities it lends, its capacity in hundredths of
   * an FTE, and the first day it is over under them ({@link #endOf}; null when open-ended).
   */
  record Terms(List<String> capabilities, long fteCenti, LocalDate end) {}

  /** Per agreement, its amended terms from each effectiveFrom. */
  final Map<String, TreeMap<LocalDate, PartnerAgreementAmended>> terms = new HashMap<>();

  /** Per agreement, the end its latest recorded renewal gives. */
  final Map<String, LocalDate> renewedTo = new HashMap<>();

  /** Per agreement, its earliest termination. */
  final Map<String, LocalDate> terminatedOn = new HashMap<>();

  /** The capabilities any agreement or qualification names. */
  final Set<String> capabilities = new TreeSet<>();

  /** Every day on which an answer may change. */
  final TreeSet<LocalDate> boundaries = new TreeSet<>();

  /** The ids of the events a void names. */
  private final Set<String> voided = new HashSet<>();

  private final List<Dated<PartnerStatus>> statusChanges = new ArrayList<>();
  private final Map<String, List<Dated<PartnerQualificationChanged>>> decided = new HashMap<>();
  private final Map<String, List<Dated<PartnerAgreementAmended>>> amendments = new HashMap<>();
  private final Map<String, CloudEvent<?>> renewals = new HashMap<>();

  PartnerEvents(Collection<CloudEvent<?>> all) {
    all.forEach(
        e -> {
          if (e.data() instanceof EventVoided v) {
            voided.add(v.voidedEventId());
          }
        });
    Set<String> agreements = new HashSet<>();
    for (CloudEvent<?> e : all) {
      String agreement = index(e);
      if (agreement != null) {
        agreements.add(agreement);
      }
    }
    agreements.forEach(this::lend);
  }

  /**
   * Adds an event the index was built without, as if it had been there from the start (an event a
   * void the index holds names changes nothing); false when it cannot, and the index must be built
   * again: a void, which takes out what it cancels.
   */
  boolean add(CloudEvent<?> e) {
    if (e.data() instanceof EventVoided) {
      return false;
    }
    String agreement = index(e);
    if (agreement != null) {
      lend(agreement);
    }
    return true;
  }

  /**
   * Indexes an event no void names; returns the agreement whose lending ({@link #lend}) it changes,
   * or null.
   */
  private String index(CloudEvent<?> e) {
    if (voided.contains(e.id())) {
      return null;
    }
    Object d = e.data();
    if (d instanceof PartnerStatusChanged s) {
      statusChanges.add(Dated.of(e, s.effectiveOn(), s.to()));
      boundaries.add(s.effectiveOn());
      statuses = Dated.byDay(statusChanges);
    } else if (d instanceof PartnerQualificationChanged q) {
      qualification(e, q);
    } else if (d instanceof PartnerAgreementSigned s) {
      signed.add(s);
      capabilities.addAll(s.capabilities());
      boundaries.add(s.effectiveFrom());
      addIfPresent(s.effectiveTo());
      return s.agreementId();
    } else if (d instanceof PartnerAgreementAmended a) {
      List<Dated<PartnerAgreementAmended>> dated =
          amendments.computeIfAbsent(a.agreementId(), id -> new ArrayList<>());
      dated.add(Dated.of(e, a.effectiveFrom(), a));
      terms.put(a.agreementId(), Dated.byDay(dated));
      capabilities.addAll(a.capabilities());
      boundaries.add(a.effectiveFrom());
      addIfPresent(a.effectiveTo());
      return a.agreementId();
    } else if (d instanceof PartnerAgreementRenewed r) {
      CloudEvent<?> latest = renewals.merge(r.agreementId(), e, PartnerEvents::laterRecorded);
      renewedTo.put(r.agreementId(), ((PartnerAgreementRenewed) latest.data()).effectiveTo());
      boundaries.add(r.effectiveTo());
      return r.agreementId();
    } else if (d instanceof PartnerAgreementTerminated t) {
      terminatedOn.merge(t.agreementId(), t.effectiveOn(), (a, b) -> a.isBefore(b) ? a : b);
      boundaries.add(t.effectiveOn());
      return t.agreementId();
    }
    return null;
  }

  /**
   * Resolves an agreement's lending again, for each signing of it, under every capability its terms
   * (signed or amended) ever name.
   */
  private void lend(String agreementId) {
    signedFor.values().forEach(l -> l.removeIf(x -> x.signed().agreementId().equals(agreementId)));
    Set<String> amendedScope = new HashSet<>();
    amendments
        .getOrDefault(agreementId, List.of())
        .forEach(a -> amendedScope.addAll(a.data().capabilities()));
    for (PartnerAgreementSigned s : signed) {
      if (!s.agreementId().equals(agreementId)) {
        continue;
      }
      Set<String> named = new HashSet<>(s.capabilities());
      named.addAll(amendedScope);
      TreeMap<LocalDate, Terms> amended = new TreeMap<>();
      terms
          .getOrDefault(agreementId, new TreeMap<>())
          .forEach(
              (from, a) ->
                  amended.put(
                      from, new Terms(a.capabilities(), centi(a.capacityFte()), endOf(s, a))));
      Lending lending =
          new Lending(
              s,
              s.effectiveFrom(),
              latestEnd(s),
              new Terms(s.capabilities(), centi(s.capacityFte()), endOf(s, null)),
              amended);
      named.forEach(c -> signedFor.computeIfAbsent(c, x -> new ArrayList<>()).add(lending));
    }
  }

  /**
   * The agreement's end under the terms ({@code amended}, or null for those it was signed with): a
   * later renewal extends a bounded end, a termination before it cuts it; null when open-ended.
   */
  LocalDate endOf(PartnerAgreementSigned signed, PartnerAgreementAmended amended) {
    String id = signed.agreementId();
    LocalDate end = amended != null ? amended.effectiveTo() : signed.effectiveTo();
    LocalDate renewed = renewedTo.get(id);
    if (end != null && renewed != null && renewed.isAfter(end)) {
      end = renewed;
    }
    LocalDate terminated = terminatedOn.get(id);
    if (terminated != null && (end == null || terminated.isBefore(end))) {
      end = terminated;
    }
    return end;
  }

  /** The latest end any of the agreement's terms gives; null when one leaves it open. */
  private LocalDate latestEnd(PartnerAgreementSigned s) {
    LocalDate latest = endOf(s, null);
    if (latest == null) {
      return null;
    }
    for (PartnerAgreementAmended a :
        terms.getOrDefault(s.agreementId(), new TreeMap<>()).values()) {
      LocalDate end = endOf(s, a);
      if (end == null) {
        return null;
      }
      if (end.isAfter(latest)) {
        latest = end;
      }
    }
    return latest;
  }

  private void qualification(CloudEvent<?> e, PartnerQualificationChanged q) {
    capabilities.addAll(q.capabilities());
    boundaries.add(q.validFrom());
    if (q.validUntil() != null) {
      boundaries.add(q.validUntil().plusDays(1));
    }
    for (String capability : q.capabilities()) {
      roundsBegun
          .computeIfAbsent(capability, c -> new HashMap<>())
          .merge(q.qualificationId(), q.validFrom(), (a, b) -> a.isBefore(b) ? a : b);
    }
    if (q.status() != QualificationStatus.IN_PROGRESS) {
      List<Dated<PartnerQualificationChanged>> states =
          decided.computeIfAbsent(q.qualificationId(), id -> new ArrayList<>());
      states.add(Dated.of(e, q.validFrom(), q));
      decisions.put(q.qualificationId(), Dated.byDay(states));
      for (String capability : q.capabilities()) {
        decidedRounds.computeIfAbsent(capability, c -> new HashSet<>()).add(q.qualificationId());
      }
    }
  }

  /** The round's decision in force on the day, or null. */
  PartnerQualificationChanged decisionOn(String round, LocalDate day) {
    TreeMap<LocalDate, PartnerQualificationChanged> byDay = decisions.get(round);
    Map.Entry<LocalDate, PartnerQualificationChanged> e =
        byDay == null ? null : byDay.floorEntry(day);
    return e == null ? null : e.getValue();
  }

  /** The agreement's latest amendment in effect on the day, or null. */
  PartnerAgreementAmended termsOn(String agreementId, LocalDate day) {
    TreeMap<LocalDate, PartnerAgreementAmended> byDay = terms.get(agreementId);
    Map.Entry<LocalDate, PartnerAgreementAmended> e = byDay == null ? null : byDay.floorEntry(day);
    return e == null ? null : e.getValue();
  }

  private static long centi(BigDecimal fte) {
    return fte.movePointRight(2).longValueExact();
  }

  private static CloudEvent<?> laterRecorded(CloudEvent<?> a, CloudEvent<?> b) {
    Comparator<CloudEvent<?>> order =
        Comparator.comparing((CloudEvent<?> e) -> e.recordedAt()).thenComparing(CloudEvent::id);
    return order.compare(a, b) >= 0 ? a : b;
  }

  private void addIfPresent(LocalDate day) {
    if (day != null) {
      boundaries.add(day);
    }
  }
}
