package io.captrack.schemas.learning;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A credential no longer attests anything from {@code revokedOn} on.
 *
 * @param credentialId the credential, the Kafka key
 * @param personRef keyed hash of the holder's HR id
 * @param revokedOn the first day it is revoked
 * @param reason why
 */
public record CredentialRevoked(
    String credentialId, String personRef, LocalDate revokedOn, String reason) {

  public CredentialRevoked {
    Require.text(credentialId, "credentialId");
    Require.text(personRef, "personRef");
    Require.present(revokedOn, "revokedOn");
  }
}
