package io.captrack.talent.requisition;

import io.captrack.schemas.talent.RequisitionOutcome;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** Bodies of the requisition commands. */
final class RequisitionRequests {

  private RequisitionRequests() {}

  /** {@code POST /requisitions}. */
  record Open(
      @NotBlank String capabilityId,
      @NotNull @Min(1) @Max(7) Integer level,
      @NotNull @Min(1) @Max(500) Integer headcount,
      LocalDate openedOn,
      LocalDate targetDate) {}

  /** {@code POST /requisitions/{id}/closure}. */
  record Close(
      @NotNull LocalDate closedOn, @NotNull RequisitionOutcome outcome, @Min(0) Integer filled) {}
}
