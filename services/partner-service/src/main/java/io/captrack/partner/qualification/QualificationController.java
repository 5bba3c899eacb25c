package io.captrack.partner.qualification;

import io.captrack.partner.onboarding.Partner;
import io.captrack.partner.onboarding.PartnerView;
import io.captrack.platform.web.Actors;
import io.captrack.platform.web.ETags;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/partners/{partnerId}/qualifications")
class QualificationController {

  private final Qualifications qualifications;

  QualificationController(Qualifications qualifications) {
    this.qualifications = qualifications;
  }

  @PostMapping
  ResponseEntity<PartnerView> open(
      @PathVariable String partnerId,
      @Valid @RequestBody QualificationRequests.Open request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Principal actor) {
    Partner partner = qualifications.open(partnerId, request, ifMatch, Actors.of(actor));
    Partner.Qualification opened =
        partner.qualifications().get(partner.qualifications().size() - 1);
    return ResponseEntity.status(HttpStatus.CREATED)
        .location(
            URI.create("/partners/" + partnerId + "/qualifications/" + opened.qualificationId()))
        .eTag(ETags.of(partner.version()))
        .body(PartnerView.of(partner));
  }

  /**
   * Decides a round; approving (QUALIFIED, CONDITIONAL) needs an actor other than the registrar.
   */
  @PostMapping("/{qualificationId}/decision")
  ResponseEntity<PartnerView> decide(
      @PathVariable String partnerId,
      @PathVariable String qualificationId,
      @Valid @RequestBody QualificationRequests.Decide request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Principal actor) {
    Partner partner =
        qualifications.decide(partnerId, qualificationId, request, ifMatch, Actors.of(actor));
    return ResponseEntity.ok().eTag(ETags.of(partner.version())).body(PartnerView.of(partner));
  }
}
