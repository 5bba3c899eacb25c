package io.captrack.partner.agreement;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Bodies of the agreement commands. */
final class AgreementRequests {

  private AgreementRequests() {}

  /** {@code POST /partners/{partnerId}/agreements}; also the new terms of an amendment. */
  record Terms(
      @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_:-]+") String agreementId,
      @NotEmpty @Size(max = 50) List<@NotBlank String> capabilities,
      @NotNull @DecimalMin("0.0") @Digits(integer = 6, fraction = 2) BigDecimal capacityFte,
      @Valid MoneyRequest value,
      @NotNull LocalDate effectiveFrom,
      LocalDate effectiveTo,
      @Min(0) @Max(3650) Integer noticeDays) {}

  /** A contract value. */
  record MoneyRequest(
      @NotNull @DecimalMin("0.0") @Digits(integer = 12, fraction = 2) BigDecimal amount,
      @NotNull @Pattern(regexp = "[A-Z]{3}") String currency) {}

  /** {@code POST .../agreements/{agreementId}/renewal}. */
  record Renew(@NotNull LocalDate effectiveTo) {}

  /** {@code POST .../agreements/{agreementId}/termination}. */
  record Terminate(@NotNull LocalDate effectiveOn, @Size(max = 500) String reason) {}
}
