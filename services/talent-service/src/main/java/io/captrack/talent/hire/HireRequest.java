package io.captrack.talent.hire;

import io.captrack.schemas.talent.HireType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * Body of {@code POST /hires}. The HR id is hashed into a personRef at once; name and e-mail stay
 * in the service and never reach an event.
 */
record HireRequest(
    @NotBlank @Size(max = 64) String hrId,
    @NotEmpty @Size(max = 30) List<@Valid @NotNull CapabilityLevelRequest> capabilities,
    @NotNull LocalDate startDate,
    @NotNull HireType hireType,
    @Size(max = 200) String name,
    @Email @Size(max = 200) String email) {

  /** A capability the hire brings. */
  record CapabilityLevelRequest(
      @NotBlank String capabilityId, @NotNull @Min(1) @Max(7) Integer level) {}
}
