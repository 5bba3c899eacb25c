package io.captrack.schemas.talent;

import io.captrack.schemas.Require;
import java.time.LocalDate;
import java.util.List;

/**
 * HR hired a person from outside who brings capabilities (the BUY channel).
 *
 * @param personRef keyed hash of the HR id, the Kafka key; never a name or an e-mail
 * @param capabilities what the person brings, with levels
 * @param startDate first working day
 * @param hireType the kind of employment
 */
public record TalentHired(
    String personRef, List<CapabilityLevel> capabilities, LocalDate startDate, HireType hireType) {

  public TalentHired {
    Require.text(personRef, "personRef");
    capabilities = Require.nonEmpty(capabilities, "capabilities");
    Require.present(startDate, "startDate");
    Require.present(hireType, "hireType");
  }
}
