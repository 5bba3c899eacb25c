package io.captrack.partner.onboarding;

import com.mongodb.client.model.Updates;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.partner.PartnerRegistered;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import java.time.LocalDate;
import java.util.UUID;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Registration and status of partners. */
@Component
class Onboarding {

  private final PartnerRepository partners;

  Onboarding(PartnerRepository partners) {
    this.partners = partners;
  }

  Partner register(RegisterPartnerRequest request, String actor) {
    String partnerId = "p-" + UUID.randomUUID();
    PartnerRegistered registered =
        new PartnerRegistered(
            partnerId, request.name().trim(), request.erpSupplierNumber(), request.taxId());
    Document doc =
        new Document("_id", partnerId)
            .append("name", registered.name())
            .append("status", PartnerStatus.ONBOARDING.name());
    if (request.erpSupplierNumber() != null) {
      doc.append("erpSupplierNumber", request.erpSupplierNumber());
    }
    if (request.taxId() != null) {
      doc.append("taxId", request.taxId());
    }
    CloudEvent<PartnerRegistered> event =
        partners.event(EventTypes.PARTNER_REGISTERED, partners.now(), partnerId, registered);
    partners.insert(doc, event, actor);
    return partners.load(partnerId);
  }

  Partner changeStatus(
      String partnerId, StatusChangeRequest request, String ifMatch, String actor) {
    Partner partner = partners.load(partnerId);
    PartnerStatus to = request.status();
    if (!StatusPolicy.allows(partner.status(), to)) {
      throw CommandRejectedException.conflict(
              "illegal-transition", "a partner cannot go from " + partner.status() + " to " + to)
          .with("allowed", StatusPolicy.next(partner.status()));
    }
    LocalDate effectiveOn =
        request.effectiveOn() == null ? partners.today() : request.effectiveOn();
    if (to == PartnerStatus.ACTIVE
        && partner.qualifications().stream().noneMatch(q -> q.inForceOn(effectiveOn))) {
      throw CommandRejectedException.conflict(
          "not-qualified",
          "a partner becomes ACTIVE only with a qualification in force on " + effectiveOn);
    }
    PartnerStatusChanged changed =
        new PartnerStatusChanged(partnerId, partner.status(), to, effectiveOn, request.reason());
    return partners.change(
        partner,
        ifMatch,
        Updates.set("status", to.name()),
        partners.event(EventTypes.PARTNER_STATUS_CHANGED, effectiveOn, partnerId, changed),
        actor);
  }
}
