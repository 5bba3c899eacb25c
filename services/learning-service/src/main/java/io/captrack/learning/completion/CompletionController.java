package io.captrack.learning.completion;

import io.captrack.platform.PersonRefs;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.learning.TrainingCompleted;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CompletionController {

  private final Enrolments enrolments;
  private final PersonRefs personRefs;
  private final Taxonomy taxonomy;

  CompletionController(Enrolments enrolments, PersonRefs personRefs, Taxonomy taxonomy) {
    this.enrolments = enrolments;
    this.personRefs = personRefs;
    this.taxonomy = taxonomy;
  }

  @PostMapping("/completions")
  @ResponseStatus(HttpStatus.CREATED)
  CompletionView complete(@Valid @RequestBody CompletionRequest request) {
    if (taxonomy.capability(request.capabilityId()).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability id: " + request.capabilityId());
    }
    if (!request.success() && request.levelAwarded() != null) {
      throw CommandRejectedException.unprocessable(
          "level-without-success", "a failed training cannot award a level");
    }
    return enrolments.complete(
        new TrainingCompleted(
            request.enrolmentId() == null ? "e-" + UUID.randomUUID() : request.enrolmentId(),
            personRefs.of(request.hrId()),
            request.courseId(),
            request.capabilityId(),
            request.success(),
            request.score(),
            request.levelAwarded(),
            request.completedOn()));
  }
}
