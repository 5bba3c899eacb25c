package io.captrack.partner.agreement;

import io.captrack.partner.onboarding.Partner;
import io.captrack.partner.onboarding.PartnerRepository;
import io.captrack.platform.web.Actors;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.platform.web.ETags;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/partners/{partnerId}/agreements")
class AgreementController {

  private static final String IF_MATCH = "If-Match";

  private final Agreements agreements;
  private final PartnerRepository partners;

  AgreementController(Agreements agreements, PartnerRepository partners) {
    this.agreements = agreements;
    this.partners = partners;
  }

  @PostMapping
  ResponseEntity<Partner.Agreement> sign(
      @PathVariable String partnerId,
      @Valid @RequestBody AgreementRequests.Terms terms,
      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
      Principal actor) {
    Partner partner = agreements.sign(partnerId, terms, ifMatch, Actors.of(actor));
    Partner.Agreement signed = partner.agreements().get(partner.agreements().size() - 1);
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(URI.create("/partners/" + partnerId + "/agreements/" + signed.agreementId()))
        .eTag(ETags.of(partner.version()))
        .body(signed);
  }

  @GetMapping("/{agreementId}")
  ResponseEntity<Partner.Agreement> get(
      @PathVariable String partnerId, @PathVariable String agreementId) {
    Partner partner = partners.load(partnerId);
    return ResponseEntity.ok()
        .eTag(ETags.of(partner.version()))
        .body(
            partner
                .agreement(agreementId)
                .orElseThrow(() -> CommandRejectedException.notFound("agreement", agreementId)));
  }

  /** New terms from {@code effectiveFrom} on. */
  @PutMapping("/{agreementId}")
  ResponseEntity<Partner.Agreement> amend(
      @PathVariable String partnerId,
      @PathVariable String agreementId,
      @Valid @RequestBody AgreementRequests.Terms terms,
      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
      Principal actor) {
    return answer(
        agreements.amend(partnerId, agreementId, terms, ifMatch, Actors.of(actor)), agreementId);
  }

  @PostMapping("/{agreementId}/renewal")
  ResponseEntity<Partner.Agreement> renew(
      @PathVariable String partnerId,
      @PathVariable String agreementId,
      @Valid @RequestBody AgreementRequests.Renew renew,
      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
      Principal actor) {
    return answer(
        agreements.renew(partnerId, agreementId, renew, ifMatch, Actors.of(actor)), agreementId);
  }

  @PostMapping("/{agreementId}/termination")
  ResponseEntity<Partner.Agreement> terminate(
      @PathVariable String partnerId,
      @PathVariable String agreementId,
      @Valid @RequestBody AgreementRequests.Terminate request,
      @RequestHeader(name = IF_MATCH, required = false) String ifMatch,
      Principal actor) {
    return answer(
        agreements.terminate(partnerId, agreementId, request, ifMatch, Actors.of(actor)),
        agreementId);
  }

  private static ResponseEntity<Partner.Agreement> answer(Partner partner, String agreementId) {
    return ResponseEntity.ok()
        .eTag(ETags.of(partner.version()))
        .body(partner.agreement(agreementId).orElseThrow());
  }
}
