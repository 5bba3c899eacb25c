package io.captrack.partner.onboarding;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /partners}. */
public record RegisterPartnerRequest(
    @NotBlank @Size(max = 200) String name,
    @Size(max = 64) String erpSupplierNumber,
    @Size(max = 64) String taxId) {}
