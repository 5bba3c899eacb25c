package io.captrack.learning.enrolment;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/** Bodies of the enrolment commands. The learner's HR id is hashed into a personRef at once. */
final class EnrolmentRequests {

  private EnrolmentRequests() {}

  /** {@code POST /enrolments}. */
  record Enrol(
      @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String enrolmentId,
      @NotBlank @Size(max = 64) String hrId,
      @NotBlank @Size(max = 64) String courseId,
      LocalDate enrolledOn,
      LocalDate expectedCompletion) {}

  /**
   * {@code POST /completions}. Capability and level come from the course mapping; a request may
   * name them for an unmapped course.
   */
  record Complete(
      @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String enrolmentId,
      @NotBlank @Size(max = 64) String hrId,
      @NotBlank @Size(max = 64) String courseId,
      String capabilityId,
      @NotNull Boolean success,
      @DecimalMin("0") @DecimalMax("100") BigDecimal score,
      @Min(1) @Max(7) Integer levelAwarded,
      @NotNull LocalDate completedOn) {}

  /** {@code POST /enrolments/{id}/void}. */
  record Void(@Size(max = 500) String reason) {}
}
