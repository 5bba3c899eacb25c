package io.captrack.projector.timeline;

import io.captrack.projector.timeline.PartnerFact.Kind;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.QualificationStatus;
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
  final Map<String, TreeMap<LocalDate, PartnerFact>> decisions = new HashMap<>();

  /** Per capability, the rounds a decision of which names it. */
  final Map<String, Set<String>> decidedRounds = new HashMap<>();

  /** Per capability, the rounds any state of which names it, with the first day one does. */
  final Map<String, Map<String, LocalDate>> roundsBegun = new HashMap<>();

  /** The signed agreements, in the order they arrived. */
  final List<PartnerFact> signed = new ArrayList<>();

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
      PartnerFact signed,
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
      if (day.isBefore(signed.from())) {
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
  final Map<String, TreeMap<LocalDate, PartnerFact>> terms = new HashMap<>();

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
  private final Map<String, List<Dated<PartnerFact>>> decided = new HashMap<>();
  private final Map<String, List<Dated<PartnerFact>>> amendments = new HashMap<>();
  private final Map<String, PartnerFact> renewals = new HashMap<>();

  PartnerEvents(Collection<PartnerFact> all) {
    all.forEach(
        f -> {
          if (f.kind() == Kind.VOIDED) {
            voided.add(f.ref());
          }
        });
    Set<String> agreements = new HashSet<>();
    for (PartnerFact f : all) {
      String agreement = index(f);
      if (agreement != null) {
        agreements.add(agreement);
      }
    }
    agreements.forEach(this::lend);
  }

  /**
   * Adds a fact the index was built without, as if it had been there from the start (a fact a void
   * the index holds names changes nothing); false when it cannot, and the index must be built
   * again: a void, which takes out what it cancels.
   */
  boolean add(PartnerFact f) {
    if (f.kind() == Kind.VOIDED) {
      return false;
    }
    String agreement = index(f);
    if (agreement != null) {
      lend(agreement);
    }
    return true;
  }

  /**
   * Indexes a fact no void names; returns the agreement whose lending ({@link #lend}) it changes,
   * or null.
   */
  private String index(PartnerFact f) {
    if (voided.contains(f.id())) {
      return null;
    }
    switch (f.kind()) {
      case STATUS -> {
        statusChanges.add(Dated.of(f, f.from(), f.status()));
        boundaries.add(f.from());
        statuses = Dated.byDay(statusChanges);
      }
      case QUALIFICATION -> qualification(f);
      case SIGNED -> {
        signed.add(f);
        capabilities.addAll(f.capabilities());
        boundaries.add(f.from());
        addIfPresent(f.until());
      }
      case AMENDED -> {
        List<Dated<PartnerFact>> dated =
            amendments.computeIfAbsent(f.ref(), id -> new ArrayList<>());
        dated.add(Dated.of(f, f.from(), f));
        terms.put(f.ref(), Dated.byDay(dated));
        capabilities.addAll(f.capabilities());
        boundaries.add(f.from());
        addIfPresent(f.until());
      }
      case RENEWED -> {
        PartnerFact latest = renewals.merge(f.ref(), f, PartnerEvents::laterRecorded);
        renewedTo.put(f.ref(), latest.until());
        boundaries.add(f.until());
      }
      case TERMINATED -> {
        terminatedOn.merge(f.ref(), f.from(), (a, b) -> a.isBefore(b) ? a : b);
        boundaries.add(f.from());
      }
      default -> {
        return null;
      }
    }
    return f.aboutAgreement() ? f.ref() : null;
  }

  /**
   * Resolves an agreement's lending again, for each signing of it, under every capability its terms
   * (signed or amended) ever name.
   */
  private void lend(String agreementId) {
    signedFor.values().forEach(l -> l.removeIf(x -> x.signed().ref().equals(agreementId)));
    Set<String> amendedScope = new HashSet<>();
    amendments
        .getOrDefault(agreementId, List.of())
        .forEach(a -> amendedScope.addAll(a.data().capabilities()));
    for (PartnerFact s : signed) {
      if (!s.ref().equals(agreementId)) {
        continue;
      }
      Set<String> named = new HashSet<>(s.capabilities());
      named.addAll(amendedScope);
      TreeMap<LocalDate, Terms> amended = new TreeMap<>();
      terms
          .getOrDefault(agreementId, new TreeMap<>())
          .forEach(
              (from, a) ->
                  amended.put(from, new Terms(a.capabilities(), a.fteCenti(), endOf(s, a))));
      Lending lending =
          new Lending(
              s,
              s.from(),
              latestEnd(s),
              new Terms(s.capabilities(), s.fteCenti(), endOf(s, null)),
              amended);
      named.forEach(c -> signedFor.computeIfAbsent(c, x -> new ArrayList<>()).add(lending));
    }
  }

  /**
   * The agreement's end under the terms ({@code amended}, or null for those it was signed with): a
   * later renewal extends a bounded end, a termination before it cuts it; null when open-ended.
   */
  LocalDate endOf(PartnerFact signed, PartnerFact amended) {
    String id = signed.ref();
    LocalDate end = amended != null ? amended.until() : signed.until();
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
  private LocalDate latestEnd(PartnerFact s) {
    LocalDate latest = endOf(s, null);
    if (latest == null) {
      return null;
    }
    for (PartnerFact a : terms.getOrDefault(s.ref(), new TreeMap<>()).values()) {
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

  private void qualification(PartnerFact q) {
    capabilities.addAll(q.capabilities());
    boundaries.add(q.from());
    if (q.until() != null) {
      boundaries.add(q.until().plusDays(1));
    }
    for (String capability : q.capabilities()) {
      roundsBegun
          .computeIfAbsent(capability, c -> new HashMap<>())
          .merge(q.ref(), q.from(), (a, b) -> a.isBefore(b) ? a : b);
    }
    if (q.qualification() != QualificationStatus.IN_PROGRESS) {
      List<Dated<PartnerFact>> states = decided.computeIfAbsent(q.ref(), id -> new ArrayList<>());
      states.add(Dated.of(q, q.from(), q));
      decisions.put(q.ref(), Dated.byDay(states));
      for (String capability : q.capabilities()) {
        decidedRounds.computeIfAbsent(capability, c -> new HashSet<>()).add(q.ref());
      }
    }
  }

  /** The round's decision in force on the day (a qualification fact), or null. */
  PartnerFact decisionOn(String round, LocalDate day) {
    TreeMap<LocalDate, PartnerFact> byDay = decisions.get(round);
    Map.Entry<LocalDate, PartnerFact> e = byDay == null ? null : byDay.floorEntry(day);
    return e == null ? null : e.getValue();
  }

  /** The agreement's latest amendment in effect on the day, or null. */
  PartnerFact termsOn(String agreementId, LocalDate day) {
    TreeMap<LocalDate, PartnerFact> byDay = terms.get(agreementId);
    Map.Entry<LocalDate, PartnerFact> e = byDay == null ? null : byDay.floorEntry(day);
    return e == null ? null : e.getValue();
  }

  private static final Comparator<PartnerFact> RECORDED =
      Comparator.comparing(PartnerFact::recordedAt).thenComparing(PartnerFact::id);

  private static PartnerFact laterRecorded(PartnerFact a, PartnerFact b) {
    return RECORDED.compare(a, b) >= 0 ? a : b;
  }

  private void addIfPresent(LocalDate day) {
    if (day != null) {
      boundaries.add(day);
    }
  }
}
