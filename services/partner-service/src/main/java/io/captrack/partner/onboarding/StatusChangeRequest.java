package io.captrack.partner.onboarding;

import io.captrack.schemas.partner.PartnerStatus;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Body of {@code POST /partners/{partnerId}/status}. */
record StatusChangeRequest(
    @NotNull PartnerStatus status, LocalDate effectiveOn, @Size(max = 500) String reason) {}
