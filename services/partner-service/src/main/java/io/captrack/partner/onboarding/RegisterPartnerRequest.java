package io.captrack.partner.onboarding;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /partners}. */
record RegisterPartnerRequest(
    @NotBlank @Size(max = 200) String name,
    @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._/-]+") String erpSupplierNumber,
    @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9._/-]+") String taxId) {}
