package io.captrack.schemas.talent;

import io.captrack.schemas.Require;
import java.time.LocalDate;

/**
 * A person's proficiency in a capability was established. The canonical level sits beside the
 * source's own value and scale, which are kept as they were given.
 *
 * @param personRef keyed hash of the HR id, the Kafka key
 * @param assessmentId the assessment
 * @param capabilityId the capability
 * @param method how it was established
 * @param level the canonical level, 0..7
 * @param rawValue the value on the source's scale
 * @param rawScale the source's scale, e.g. {@code percent}, {@code five-point}
 * @param assessedOn the day of the assessment
 */
public record ProficiencyAssessed(
    String personRef,
    String assessmentId,
    String capabilityId,
    AssessmentMethod method,
    int level,
    String rawValue,
    String rawScale,
    LocalDate assessedOn) {

  public ProficiencyAssessed {
    Require.text(personRef, "personRef");
    Require.text(assessmentId, "assessmentId");
    Require.text(capabilityId, "capabilityId");
    Require.present(method, "method");
    Require.level(level, "level");
    Require.text(rawValue, "rawValue");
    Require.text(rawScale, "rawScale");
    Require.present(assessedOn, "assessedOn");
  }
}
