package io.captrack.partner.agreement;

import io.captrack.partner.onboarding.PartnerView;
import io.captrack.partner.onboarding.Partners;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.partner.Money;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AgreementController {

  private final Partners partners;
  private final Taxonomy taxonomy;

  AgreementController(Partners partners, Taxonomy taxonomy) {
    this.partners = partners;
    this.taxonomy = taxonomy;
  }

  @PostMapping("/partners/{partnerId}/agreements")
  ResponseEntity<PartnerView.AgreementView> sign(
      @PathVariable String partnerId, @Valid @RequestBody SignAgreementRequest request) {
    List<String> unknown = taxonomy.unknown(request.capabilities());
    if (!unknown.isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability ids: " + String.join(", ", unknown));
    }
    if (request.effectiveTo() != null && !request.effectiveTo().isAfter(request.effectiveFrom())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "effectiveTo must be after effectiveFrom");
    }
    PartnerAgreementSigned signed =
        new PartnerAgreementSigned(
            request.agreementId() == null ? "a-" + UUID.randomUUID() : request.agreementId(),
            partnerId,
            request.capabilities().stream().distinct().toList(),
            request.capacityFte(),
            request.value() == null
                ? null
                : new Money(request.value().amount(), request.value().currency()),
            request.effectiveFrom(),
            request.effectiveTo(),
            request.noticeDays() == null ? 0 : request.noticeDays());
    PartnerView.AgreementView agreement = partners.signAgreement(partnerId, signed);
    return ResponseEntity.created(
            URI.create("/partners/" + partnerId + "/agreements/" + agreement.agreementId()))
        .body(agreement);
  }
}
