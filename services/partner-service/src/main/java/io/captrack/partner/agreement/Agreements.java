package io.captrack.partner.agreement;

import com.mongodb.client.model.Updates;
import io.captrack.partner.onboarding.Partner;
import io.captrack.partner.onboarding.PartnerDocuments;
import io.captrack.partner.onboarding.PartnerRepository;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.partner.Money;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Agreements: signed, amended, renewed, terminated; back-dating allowed, effective dates kept. */
@Component
class Agreements {

  private final PartnerRepository partners;
  private final Taxonomy taxonomy;

  Agreements(PartnerRepository partners, Taxonomy taxonomy) {
    this.partners = partners;
    this.taxonomy = taxonomy;
  }

  Partner sign(String partnerId, AgreementRequests.Terms terms, String ifMatch, String actor) {
    Partner partner = open(partnerId);
    checkTerms(terms);
    String agreementId =
        terms.agreementId() == null ? "a-" + UUID.randomUUID() : terms.agreementId();
    if (partner.agreement(agreementId).isPresent()) {
      throw CommandRejectedException.conflict(
              "duplicate-agreement", "agreement " + agreementId + " exists")
          .with("existingAgreement", "/partners/" + partnerId + "/agreements/" + agreementId);
    }
    Partner.Agreement signed = agreement(agreementId, terms, 0);
    PartnerAgreementSigned event =
        new PartnerAgreementSigned(
            agreementId,
            partnerId,
            signed.capabilities(),
            signed.capacityFte(),
            signed.value(),
            signed.effectiveFrom(),
            signed.effectiveTo(),
            signed.noticeDays());
    return save(
        partner,
        signed,
        partners.event(
            EventTypes.PARTNER_AGREEMENT_SIGNED, signed.effectiveFrom(), partnerId, event),
        ifMatch,
        actor);
  }

  Partner amend(
      String partnerId,
      String agreementId,
      AgreementRequests.Terms terms,
      String ifMatch,
      String actor) {
    Partner partner = open(partnerId);
    Partner.Agreement current = live(partner, agreementId);
    checkTerms(terms);
    if (terms.effectiveFrom().isBefore(current.effectiveFrom())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "an amendment cannot take effect before the agreement does");
    }
    Partner.Agreement amended = agreement(agreementId, terms, current.amendments() + 1);
    PartnerAgreementAmended event =
        new PartnerAgreementAmended(
            agreementId,
            partnerId,
            amended.amendments(),
            amended.capabilities(),
            amended.capacityFte(),
            amended.value(),
            amended.effectiveFrom(),
            amended.effectiveTo(),
            amended.noticeDays());
    Partner.Agreement kept = current.amendedTo(amended);
    return save(
        partner,
        kept,
        partners.event(
            EventTypes.PARTNER_AGREEMENT_AMENDED, terms.effectiveFrom(), partnerId, event),
        ifMatch,
        actor);
  }

  Partner renew(
      String partnerId,
      String agreementId,
      AgreementRequests.Renew renew,
      String ifMatch,
      String actor) {
    Partner partner = open(partnerId);
    Partner.Agreement current = live(partner, agreementId);
    if (current.effectiveTo() == null) {
      throw CommandRejectedException.conflict(
          "open-ended", "agreement " + agreementId + " has no end to renew");
    }
    if (!renew.effectiveTo().isAfter(current.effectiveTo())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a renewal must end after " + current.effectiveTo());
    }
    PartnerAgreementRenewed event =
        new PartnerAgreementRenewed(
            agreementId, partnerId, current.effectiveTo(), renew.effectiveTo());
    Partner.Agreement renewed = current.endingOn(renew.effectiveTo());
    return save(
        partner,
        renewed,
        partners.event(
            EventTypes.PARTNER_AGREEMENT_RENEWED, current.effectiveTo(), partnerId, event),
        ifMatch,
        actor);
  }

  Partner terminate(
      String partnerId,
      String agreementId,
      AgreementRequests.Terminate request,
      String ifMatch,
      String actor) {
    Partner partner = partners.load(partnerId);
    Partner.Agreement current = live(partner, agreementId);
    if (request.effectiveOn().isBefore(current.effectiveFrom())
        || (current.effectiveTo() != null
            && !request.effectiveOn().isBefore(current.effectiveTo()))) {
      throw CommandRejectedException.unprocessable(
          "invalid-period",
          "termination must fall within the agreement, from "
              + current.effectiveFrom()
              + (current.effectiveTo() == null ? "" : " and before " + current.effectiveTo()));
    }
    PartnerAgreementTerminated event =
        new PartnerAgreementTerminated(
            agreementId, partnerId, request.effectiveOn(), request.reason());
    Partner.Agreement ended = current.terminatedFrom(request.effectiveOn());
    return save(
        partner,
        ended,
        partners.event(
            EventTypes.PARTNER_AGREEMENT_TERMINATED, request.effectiveOn(), partnerId, event),
        ifMatch,
        actor);
  }

  private Partner open(String partnerId) {
    Partner partner = partners.load(partnerId);
    if (partner.status() == PartnerStatus.OFFBOARDED) {
      throw CommandRejectedException.conflict(
          "partner-offboarded", "partner " + partnerId + " is offboarded");
    }
    return partner;
  }

  private static Partner.Agreement live(Partner partner, String agreementId) {
    Partner.Agreement agreement =
        partner
            .agreement(agreementId)
            .orElseThrow(() -> CommandRejectedException.notFound("agreement", agreementId));
    if (agreement.terminated()) {
      throw CommandRejectedException.conflict(
          "agreement-terminated", "agreement " + agreementId + " was terminated");
    }
    return agreement;
  }

  private void checkTerms(AgreementRequests.Terms terms) {
    List<String> unknown = taxonomy.unknown(terms.capabilities());
    if (!unknown.isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability ids: " + String.join(", ", unknown));
    }
    if (terms.effectiveTo() != null && !terms.effectiveTo().isAfter(terms.effectiveFrom())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "effectiveTo must be after effectiveFrom");
    }
  }

  private static Partner.Agreement agreement(
      String agreementId, AgreementRequests.Terms terms, int amendments) {
    return new Partner.Agreement(
        agreementId,
        terms.capabilities().stream().distinct().toList(),
        terms.capacityFte(),
        terms.value() == null ? null : new Money(terms.value().amount(), terms.value().currency()),
        terms.effectiveFrom(),
        terms.effectiveTo(),
        terms.noticeDays() == null ? 0 : terms.noticeDays(),
        amendments,
        null);
  }

  private Partner save(
      Partner partner,
      Partner.Agreement agreement,
      CloudEvent<?> event,
      String ifMatch,
      String actor) {
    List<Partner.Agreement> all = new ArrayList<>(partner.agreements());
    int at = all.indexOf(partner.agreement(agreement.agreementId()).orElse(null));
    if (at >= 0) {
      all.set(at, agreement);
    } else {
      all.add(agreement);
    }
    return partners.change(
        partner,
        ifMatch,
        Updates.set("agreements", PartnerDocuments.agreements(all)),
        event,
        actor);
  }
}
