package io.captrack.schemas.talent;

import io.captrack.schemas.Require;
import java.time.LocalDate;
import java.util.List;

/**
 * A person already in the business moved into a role that uses capabilities they have (the REDEPLOY
 * channel: latent talent discovered).
 *
 * @param personRef keyed hash of the HR id, the Kafka key
 * @param capabilities the capabilities the new role uses, at the person's levels
 * @param effectiveOn first day in the new role
 * @param role the new role's title, free text, never a person's name
 */
public record TalentRedeployed(
    String personRef, List<CapabilityLevel> capabilities, LocalDate effectiveOn, String role) {

  public TalentRedeployed {
    Require.text(personRef, "personRef");
    capabilities = Require.nonEmpty(capabilities, "capabilities");
    Require.present(effectiveOn, "effectiveOn");
  }
}
