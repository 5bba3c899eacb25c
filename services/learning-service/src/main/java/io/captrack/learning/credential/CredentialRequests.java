package io.captrack.learning.credential;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Bodies of the credential commands. */
final class CredentialRequests {

  private CredentialRequests() {}

  /** {@code POST /credentials}. */
  record Issue(
      @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String credentialId,
      @NotBlank @Size(max = 64) String hrId,
      @NotBlank String capabilityId,
      @NotNull @Min(1) @Max(7) Integer level,
      @NotBlank @Size(max = 200) String name,
      @Size(max = 200) String issuer,
      @NotNull LocalDate issuedOn,
      LocalDate validUntil) {}

  /** {@code POST /credentials/{id}/renewal}. */
  record Renew(LocalDate renewedOn, @NotNull LocalDate validUntil) {}

  /** {@code POST /credentials/{id}/revocation}. */
  record Revoke(@NotNull LocalDate revokedOn, @Size(max = 500) String reason) {}
}
