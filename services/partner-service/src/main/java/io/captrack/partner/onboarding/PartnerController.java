package io.captrack.partner.onboarding;

import io.captrack.platform.web.Actors;
import io.captrack.platform.web.ETags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/partners")
@Validated
class PartnerController {

  private final Onboarding onboarding;
  private final PartnerRepository partners;

  PartnerController(Onboarding onboarding, PartnerRepository partners) {
    this.onboarding = onboarding;
    this.partners = partners;
  }

  @PostMapping
  ResponseEntity<PartnerView> register(
      @Valid @RequestBody RegisterPartnerRequest request, Principal actor) {
    Partner created = onboarding.register(request, Actors.of(actor));
    return ResponseEntity.created(URI.create("/partners/" + created.partnerId()))
        .eTag(ETags.of(created.version()))
        .body(PartnerView.of(created));
  }

  @GetMapping("/{partnerId}")
  ResponseEntity<PartnerView> get(@PathVariable String partnerId) {
    Partner partner = partners.load(partnerId);
    return ResponseEntity.ok().eTag(ETags.of(partner.version())).body(PartnerView.of(partner));
  }

  @GetMapping
  List<PartnerView> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return partners.list(limit).stream().map(PartnerView::of).toList();
  }

  /** Every event of the partner, oldest first, with who recorded it. */
  @GetMapping("/{partnerId}/history")
  List<Document> history(@PathVariable String partnerId) {
    return partners.history(partnerId);
  }

  @PostMapping("/{partnerId}/status")
  ResponseEntity<PartnerView> changeStatus(
      @PathVariable String partnerId,
      @Valid @RequestBody StatusChangeRequest request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch,
      Principal actor) {
    Partner changed = onboarding.changeStatus(partnerId, request, ifMatch, Actors.of(actor));
    return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(PartnerView.of(changed));
  }
}
