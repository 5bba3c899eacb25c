package io.captrack.partner.qualification;

import com.mongodb.client.model.Updates;
import io.captrack.partner.onboarding.Partner;
import io.captrack.partner.onboarding.PartnerDocuments;
import io.captrack.partner.onboarding.PartnerRepository;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.QualificationStatus;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Qualification rounds: open for a scope, then decide, four eyes on approvals. */
@Component
class Qualifications {

  private final PartnerRepository partners;
  private final Taxonomy taxonomy;

  Qualifications(PartnerRepository partners, Taxonomy taxonomy) {
    this.partners = partners;
    this.taxonomy = taxonomy;
  }

  Partner open(String partnerId, QualificationRequests.Open request, String ifMatch, String actor) {
    Partner partner = partners.load(partnerId);
    requireNotOffboarded(partner);
    List<String> unknown = taxonomy.unknown(request.capabilities());
    if (!unknown.isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability ids: " + String.join(", ", unknown));
    }
    LocalDate startedOn = request.startedOn() == null ? partners.today() : request.startedOn();
    Partner.Qualification opened =
        new Partner.Qualification(
            "q-" + UUID.randomUUID(),
            request.capabilities().stream().distinct().toList(),
            QualificationStatus.IN_PROGRESS,
            startedOn,
            null);
    return save(partner, opened, ifMatch, actor);
  }

  Partner decide(
      String partnerId,
      String qualificationId,
      QualificationRequests.Decide request,
      String ifMatch,
      String actor) {
    Partner partner = partners.load(partnerId);
    requireNotOffboarded(partner);
    Partner.Qualification current =
        partner
            .qualification(qualificationId)
            .orElseThrow(() -> CommandRejectedException.notFound("qualification", qualificationId));
    QualificationStatus to = request.status();
    if (!QualificationPolicy.allows(current.status(), to)) {
      throw CommandRejectedException.conflict(
              "illegal-transition",
              "a qualification cannot go from " + current.status() + " to " + to)
          .with("allowed", QualificationPolicy.next(current.status()));
    }
    // subjects compared without letter case: an identity provider may not tell Alice from alice
    if (to.inForce() && actor.equalsIgnoreCase(partner.registeredBy())) {
      throw CommandRejectedException.forbidden(
          "four-eyes", "whoever registered a partner cannot approve its qualification");
    }
    LocalDate validFrom = request.validFrom() == null ? partners.today() : request.validFrom();
    if (to.inForce() && request.validUntil() == null) {
      throw CommandRejectedException.unprocessable(
          "validity-required", to + " needs validUntil, so that its expiry can be tracked");
    }
    if (request.validUntil() != null && request.validUntil().isBefore(validFrom)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "validUntil must not be before validFrom");
    }
    Partner.Qualification decided =
        new Partner.Qualification(
            qualificationId,
            current.capabilities(),
            to,
            validFrom,
            to.inForce() ? request.validUntil() : null);
    return save(partner, decided, ifMatch, actor);
  }

  private Partner save(
      Partner partner, Partner.Qualification qualification, String ifMatch, String actor) {
    List<Partner.Qualification> all = new ArrayList<>(partner.qualifications());
    all.removeIf(q -> q.qualificationId().equals(qualification.qualificationId()));
    all.add(qualification);
    PartnerQualificationChanged changed =
        new PartnerQualificationChanged(
            partner.partnerId(),
            qualification.qualificationId(),
            qualification.capabilities(),
            qualification.status(),
            qualification.validFrom(),
            qualification.validUntil());
    return partners.change(
        partner,
        ifMatch,
        Updates.set("qualifications", PartnerDocuments.qualifications(all)),
        partners.event(
            EventTypes.PARTNER_QUALIFICATION_CHANGED,
            qualification.validFrom(),
            partner.partnerId(),
            changed),
        actor);
  }

  static void requireNotOffboarded(Partner partner) {
    if (partner.status() == PartnerStatus.OFFBOARDED) {
      throw CommandRejectedException.conflict(
          "partner-offboarded", "partner " + partner.partnerId() + " is offboarded");
    }
  }
}
