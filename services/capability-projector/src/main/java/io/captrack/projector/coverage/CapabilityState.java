package io.captrack.projector.coverage;

import io.captrack.schemas.CloudEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One capability's coverage document while a batch is applied: what was stored, what the batch has
 * made of it, and the change events to publish with the write.
 */
final class CapabilityState {

  private final String capabilityId;
  private final Figures stored;
  private final Figures current;
  private final Map<String, Long> applied;
  private final Map<String, AgreementShare> agreements;
  private final Set<String> touchedPartitions = new LinkedHashSet<>();
  private final Set<String> touchedAgreements = new LinkedHashSet<>();
  private final List<CloudEvent<?>> changes = new ArrayList<>();

  CapabilityState(
      String capabilityId,
      Figures stored,
      Map<String, Long> applied,
      Map<String, AgreementShare> agreements) {
    this.capabilityId = capabilityId;
    this.stored = stored;
    this.current = stored.copy();
    this.applied = new HashMap<>(applied);
    this.agreements = new HashMap<>(agreements);
  }

  static CapabilityState empty(String capabilityId) {
    return new CapabilityState(
        capabilityId, new Figures(0, Map.of(), Map.of(), 0), Map.of(), Map.of());
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

  Figures stored() {
    return stored;
  }

  Figures current() {
    return current;
  }

  AgreementShare agreement(String agreementId) {
    return agreements.get(agreementId);
  }

  void putAgreement(String agreementId, AgreementShare share) {
    agreements.put(agreementId, share);
    touchedAgreements.add(agreementId);
  }

  void recordChange(CloudEvent<?> change) {
    changes.add(change);
  }

  boolean dirty() {
    return !touchedPartitions.isEmpty();
  }

  Map<String, Long> touchedPositions() {
    Map<String, Long> positions = new HashMap<>();
    touchedPartitions.forEach(p -> positions.put(p, applied.get(p)));
    return positions;
  }

  Map<String, AgreementShare> touchedAgreements() {
    Map<String, AgreementShare> touched = new HashMap<>();
    touchedAgreements.forEach(a -> touched.put(a, agreements.get(a)));
    return touched;
  }

  List<CloudEvent<?>> changes() {
    return changes;
  }
}
