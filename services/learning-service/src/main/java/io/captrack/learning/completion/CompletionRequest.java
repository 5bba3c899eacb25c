package io.captrack.learning.completion;

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

/** Body of {@code POST /completions}. The learner's HR id is hashed into a personRef at once. */
record CompletionRequest(
    @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+") String enrolmentId,
    @NotBlank @Size(max = 64) String hrId,
    @NotBlank @Size(max = 64) String courseId,
    @NotBlank String capabilityId,
    @NotNull Boolean success,
    @DecimalMin("0") @DecimalMax("100") BigDecimal score,
    @Min(1) @Max(7) Integer levelAwarded,
    @NotNull LocalDate completedOn) {}
