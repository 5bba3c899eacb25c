package io.captrack.talent.movement;

import io.captrack.schemas.talent.SeparationReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/** Bodies of redeployments and separations. */
final class MovementRequests {

  private MovementRequests() {}

  /** {@code POST /redeployments}. */
  record Redeploy(
      @NotBlank @Size(max = 64) String hrId,
      @NotEmpty @Size(max = 30) List<@Valid @NotNull Capability> capabilities,
      @NotNull LocalDate effectiveOn,
      @Size(max = 200) String role) {}

  /** A capability the new role uses. */
  record Capability(@NotBlank String capabilityId, @NotNull @Min(1) @Max(7) Integer level) {}

  /** {@code POST /separations}. */
  record Separate(
      @NotBlank @Size(max = 64) String hrId,
      @NotNull LocalDate effectiveOn,
      @NotNull SeparationReason reason) {}
}
