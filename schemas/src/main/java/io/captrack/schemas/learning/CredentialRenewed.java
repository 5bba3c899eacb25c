package io.captrack.schemas.learning;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A credential's validity was extended.
 *
 * @param credentialId the credential, the Kafka key
 * @param personRef keyed hash of the holder's HR id
 * @param renewedOn the day of the renewal
 * @param previousValidUntil the last valid day before
 * @param validUntil the new last valid day
 */
public record CredentialRenewed(
    String credentialId,
    String personRef,
    LocalDate renewedOn,
    LocalDate previousValidUntil,
    LocalDate validUntil) {

  public CredentialRenewed {
    Require.text(credentialId, "credentialId");
    Require.text(personRef, "personRef");
    Require.present(renewedOn, "renewedOn");
    Require.present(validUntil, "validUntil");
    if (previousValidUntil != null && !validUntil.isAfter(previousValidUntil)) {
      throw new IllegalArgumentException("validUntil must be after previousValidUntil");
    }
  }
}
