package io.captrack.schemas.talent;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A person leaves; from {@code effectiveOn} on they hold no capability.
 *
 * @param personRef keyed hash of the HR id, the Kafka key
 * @param effectiveOn the first day the person is gone
 * @param reason why
 */
public record TalentSeparated(String personRef, LocalDate effectiveOn, SeparationReason reason) {

  public TalentSeparated {
    Require.text(personRef, "personRef");
    Require.present(effectiveOn, "effectiveOn");
    Require.present(reason, "reason");
  }
}
