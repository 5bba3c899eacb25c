package io.captrack.schemas.learning;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A person earned a credential (certificate, badge) that attests a capability at a level.
 *
 * @param credentialId the credential, the Kafka key
 * @param personRef keyed hash of the holder's HR id
 * @param capabilityId the capability it attests
 * @param level the canonical level it attests
 * @param name the credential's name, e.g. a vendor certification
 * @param issuer who issued it
 * @param issuedOn the day it was issued
 * @param validUntil its last valid day; open-ended when absent
 */
public record CredentialIssued(
    String credentialId,
    String personRef,
    String capabilityId,
    int level,
    String name,
    String issuer,
    LocalDate issuedOn,
    LocalDate validUntil) {

  public CredentialIssued {
    Require.text(credentialId, "credentialId");
    Require.text(personRef, "personRef");
    Require.text(capabilityId, "capabilityId");
    Require.level(level, "level");
    Require.text(name, "name");
    Require.present(issuedOn, "issuedOn");
    if (validUntil != null && validUntil.isBefore(issuedOn)) {
      throw new IllegalArgumentException("validUntil must not be before issuedOn");
    }
  }
}
