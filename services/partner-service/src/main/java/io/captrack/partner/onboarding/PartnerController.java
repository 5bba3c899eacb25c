package io.captrack.partner.onboarding;

import io.captrack.platform.web.CommandRejectedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/partners")
@Validated
class PartnerController {

  private final Partners partners;

  PartnerController(Partners partners) {
    this.partners = partners;
  }

  @PostMapping
  ResponseEntity<PartnerView> register(@Valid @RequestBody RegisterPartnerRequest request) {
    PartnerView created = partners.register(request);
    return ResponseEntity.created(URI.create("/partners/" + created.partnerId())).body(created);
  }

  @GetMapping("/{partnerId}")
  PartnerView get(@PathVariable String partnerId) {
    return partners
        .find(partnerId)
        .orElseThrow(() -> CommandRejectedException.notFound("partner", partnerId));
  }

  @GetMapping
  List<PartnerView> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return partners.list(limit);
  }
}
