package io.captrack.projector.timeline;

import io.captrack.projector.timeline.PartnerFact.Kind;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an event not yet added to a {@link PartnerHistory} can change, from the facts it holds: the
 * capabilities (every one an agreement's or a round's terms ever named, voided or not) and the
 * first day. Kept up to date fact by fact ({@link #record}), so that a batch asks it before each
 * event without building the partner's index.
 */
final class PartnerReach {

  private final Map<String, PartnerFact> events;

  /** Every capability any term of an agreement ever named, voided or not. */
  private final Map<String, Set<String>> agreementCapabilities = new HashMap<>();

  /** The earliest start any signing of an agreement gave, voided or not. */
  private final Map<String, LocalDate> agreementStarts = new HashMap<>();

  /** Every capability any state of a qualification round ever named, voided or not. */
  private final Map<String, Set<String>> roundCapabilities = new HashMap<>();

  /**
   * @param events the history's facts by id, as it adds them (read, never changed, here)
   */
  PartnerReach(Map<String, PartnerFact> events) {
    this.events = events;
  }

  /** Takes in a fact the history added. */
  void record(PartnerFact fact) {
    if (fact.kind() == Kind.SIGNED) {
      named(agreementCapabilities, fact.ref(), fact.capabilities());
      agreementStarts.merge(fact.ref(), fact.from(), Shared::earliest);
    } else if (fact.kind() == Kind.AMENDED) {
      named(agreementCapabilities, fact.ref(), fact.capabilities());
    } else if (fact.kind() == Kind.QUALIFICATION) {
      named(roundCapabilities, fact.ref(), fact.capabilities());
    }
  }

  private static void named(Map<String, Set<String>> byId, String id, List<String> capabilities) {
    byId.computeIfAbsent(id, x -> new HashSet<>()).addAll(capabilities);
  }

  /** See {@link PartnerHistory#affectedBy}. */
  Set<String> affectedBy(PartnerFact fact) {
    Set<String> ids = new HashSet<>();
    switch (fact.kind()) {
      case QUALIFICATION -> {
        ids.addAll(fact.capabilities());
        ids.addAll(roundCapabilities.getOrDefault(fact.ref(), Set.of()));
      }
      case SIGNED, AMENDED -> {
        ids.addAll(fact.capabilities());
        ids.addAll(agreementCapabilities.getOrDefault(fact.ref(), Set.of()));
      }
      case RENEWED, TERMINATED ->
          ids.addAll(agreementCapabilities.getOrDefault(fact.ref(), Set.of()));
      case VOIDED -> {
        PartnerFact target = events.get(fact.ref());
        return target == null || target.kind() == Kind.VOIDED ? ids : affectedBy(target);
      }
      default -> {
        return null;
      }
    }
    return ids;
  }

  /** See {@link PartnerHistory#affectedFrom}. */
  LocalDate affectedFrom(PartnerFact fact) {
    return switch (fact.kind()) {
      case VOIDED -> {
        PartnerFact target = events.get(fact.ref());
        yield target == null || target.kind() == Kind.VOIDED ? null : affectedFrom(target);
      }
      case STATUS, QUALIFICATION -> fact.from();
      case SIGNED, AMENDED, TERMINATED -> Shared.earliest(fact.from(), startOf(fact.ref()));
      case RENEWED ->
          Shared.earliest(Shared.earliest(fact.previousUntil(), fact.until()), startOf(fact.ref()));
      case OTHER -> null;
    };
  }

  /** The first day of an agreement, as its signings known so far say; null when none is known. */
  private LocalDate startOf(String agreementId) {
    return agreementStarts.get(agreementId);
  }
}
