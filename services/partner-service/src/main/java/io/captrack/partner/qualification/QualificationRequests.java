package io.captrack.partner.qualification;

import io.captrack.schemas.partner.QualificationStatus;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the qualification commands. */
final class QualificationRequests {

  private QualificationRequests() {}

  /** {@code POST /partners/{partnerId}/qualifications}: opens a round for a scope. */
  record Open(@NotEmpty @Size(max = 50) List<@NotBlank String> capabilities, LocalDate startedOn) {}

  /** {@code POST /partners/{partnerId}/qualifications/{qualificationId}/decision}. */
  record Decide(@NotNull QualificationStatus status, LocalDate validFrom, LocalDate validUntil) {}
}
