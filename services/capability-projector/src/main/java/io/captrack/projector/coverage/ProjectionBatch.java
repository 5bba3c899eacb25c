package io.captrack.projector.coverage;

import io.captrack.schemas.Channel;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.Cause;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.TalentHired;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a batch of events to the coverage documents and holdings it touches, in memory, in record
 * order. Each capability document and each holding remembers the last offset it applied per source
 * partition, so a redelivered record changes nothing twice.
 */
final class ProjectionBatch {

  /** A decoded record: its event and where it came from. */
  record Input(String partition, long offset, CloudEvent<?> event) {}

  private final Map<String, CapabilityState> capabilities;
  private final Map<String, Holding> holdings;
  private final Set<String> dirtyHoldings = new LinkedHashSet<>();
  private final String source;
  private final LocalDate today;

  ProjectionBatch(
      Map<String, CapabilityState> capabilities,
      Map<String, Holding> holdings,
      String source,
      LocalDate today) {
    this.capabilities = new LinkedHashMap<>(capabilities);
    this.holdings = new LinkedHashMap<>(holdings);
    this.source = source;
    this.today = today;
  }

  /** The capability and holding ids a batch of events touches, so that they load in one go. */
  static void collectIds(CloudEvent<?> event, Set<String> capabilityIds, Set<String> holdingIds) {
    Object data = event.data();
    if (data instanceof TalentHired hired) {
      for (CapabilityLevel c : hired.capabilities()) {
        capabilityIds.add(c.capabilityId());
        holdingIds.add(Holding.id(c.capabilityId(), hired.personRef()));
      }
    } else if (data instanceof TrainingCompleted done) {
      capabilityIds.add(done.capabilityId());
      holdingIds.add(Holding.id(done.capabilityId(), done.personRef()));
    } else if (data instanceof PartnerAgreementSigned signed) {
      capabilityIds.addAll(signed.capabilities());
    }
  }

  void apply(Input in) {
    Object data = in.event().data();
    if (data instanceof TalentHired hired) {
      for (CapabilityLevel c : hired.capabilities()) {
        hold(in, hired.personRef(), c.capabilityId(), c.level(), Channel.BUY, hired.startDate());
      }
    } else if (data instanceof TrainingCompleted done) {
      if (done.success() && done.levelAwarded() != null && done.levelAwarded() >= 1) {
        hold(
            in,
            done.personRef(),
            done.capabilityId(),
            done.levelAwarded(),
            Channel.BUILD,
            done.completedOn());
      }
    } else if (data instanceof PartnerAgreementSigned signed) {
      for (String capabilityId : signed.capabilities()) {
        lend(in, capabilityId, signed);
      }
    }
  }

  private void hold(
      Input in,
      String personRef,
      String capabilityId,
      int level,
      Channel channel,
      LocalDate since) {
    String id = Holding.id(capabilityId, personRef);
    Holding holding =
        holdings.computeIfAbsent(id, k -> new Holding(personRef, capabilityId, Map.of()));
    Optional<Holding.Contribution> before = holding.contribution();
    if (holding.apply(in.partition(), in.offset(), level, channel, since)) {
      dirtyHoldings.add(id);
    }
    CapabilityState capability = capability(capabilityId);
    if (!capability.claim(in.partition(), in.offset())) {
      return;
    }
    Optional<Holding.Contribution> after = holding.contribution();
    if (!before.equals(after)) {
      Figures previous = capability.current().copy();
      before.ifPresent(c -> capability.current().add(c, -1));
      after.ifPresent(c -> capability.current().add(c, +1));
      changed(capability, previous, in.event());
    }
  }

  private void lend(Input in, String capabilityId, PartnerAgreementSigned signed) {
    CapabilityState capability = capability(capabilityId);
    if (!capability.claim(in.partition(), in.offset())) {
      return;
    }
    AgreementShare share =
        new AgreementShare(
            signed.partnerId(),
            signed.capacityFte().movePointRight(2).longValueExact(),
            signed.effectiveFrom(),
            signed.effectiveTo());
    long before = fteInForce(capability.agreement(signed.agreementId()));
    capability.putAgreement(signed.agreementId(), share);
    long delta = fteInForce(share) - before;
    if (delta != 0) {
      Figures previous = capability.current().copy();
      capability.current().addFte(delta);
      changed(capability, previous, in.event());
    }
  }

  private long fteInForce(AgreementShare share) {
    return share != null && share.inForceOn(today) ? share.fteCenti() : 0;
  }

  private void changed(CapabilityState capability, Figures previous, CloudEvent<?> cause) {
    capability.recordChange(
        CloudEvent.of(
            EventTypes.CAPABILITY_COVERAGE_CHANGED,
            source,
            cause.time(),
            capability.capabilityId(),
            new CapabilityCoverageChanged(
                capability.capabilityId(),
                previous.toEvent(),
                capability.current().toEvent(),
                new Cause(cause.id(), cause.type().name(), cause.source()))));
  }

  private CapabilityState capability(String capabilityId) {
    return capabilities.computeIfAbsent(capabilityId, CapabilityState::empty);
  }

  Collection<CapabilityState> dirtyCapabilities() {
    return capabilities.values().stream().filter(CapabilityState::dirty).toList();
  }

  List<Holding> dirtyHoldings() {
    return dirtyHoldings.stream().map(holdings::get).toList();
  }
}
