package io.captrack.talent.assessment;

import com.mongodb.client.model.Updates;
import io.captrack.platform.PersonRefs;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.platform.web.ETags;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.talent.person.People;
import io.captrack.talent.person.Person;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Proficiency assessments on any known scale, kept raw beside the canonical level. */
@RestController
class AssessmentController {

  /** Body of {@code POST /assessments}. */
  record AssessmentRequest(
      @NotBlank @Size(max = 64) String hrId,
      @NotBlank String capabilityId,
      @NotNull AssessmentMethod method,
      @NotBlank @Size(max = 40) String rawValue,
      @NotBlank @Size(max = 40) String rawScale,
      LocalDate assessedOn) {}

  private final People people;
  private final PersonRefs personRefs;
  private final Taxonomy taxonomy;

  AssessmentController(People people, PersonRefs personRefs, Taxonomy taxonomy) {
    this.people = people;
    this.personRefs = personRefs;
    this.taxonomy = taxonomy;
  }

  @PostMapping("/assessments")
  ResponseEntity<Map<String, Object>> assess(
      @Valid @RequestBody AssessmentRequest request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    if (taxonomy.capability(request.capabilityId()).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability id: " + request.capabilityId());
    }
    if (!Scales.NAMES.contains(request.rawScale())) {
      throw CommandRejectedException.unprocessable(
              "unknown-scale", "unknown scale " + request.rawScale())
          .with("scales", Scales.NAMES);
    }
    int level =
        Scales.canonical(request.rawScale(), request.rawValue())
            .orElseThrow(
                () ->
                    CommandRejectedException.unprocessable(
                        "invalid-raw-value",
                        request.rawValue()
                            + " is not a value of the "
                            + request.rawScale()
                            + " scale"));
    Person person = people.employed(personRefs.of(request.hrId()));
    LocalDate on = request.assessedOn() == null ? people.today() : request.assessedOn();
    String assessmentId = "as-" + UUID.randomUUID();
    ProficiencyAssessed assessed =
        new ProficiencyAssessed(
            person.personRef(),
            assessmentId,
            request.capabilityId(),
            request.method(),
            level,
            request.rawValue().trim(),
            request.rawScale(),
            on);
    long version =
        people.change(
            Optional.of(person),
            ifMatch,
            Updates.push(
                "assessments",
                new Document("assessmentId", assessmentId)
                    .append("capabilityId", request.capabilityId())
                    .append("method", request.method().name())
                    .append("level", level)
                    .append("rawValue", assessed.rawValue())
                    .append("rawScale", request.rawScale())
                    .append("assessedOn", on.toString())),
            people.event(EventTypes.PROFICIENCY_ASSESSED, on, person.personRef(), assessed));
    return ResponseEntity.status(HttpStatus.CREATED)
        .eTag(ETags.of(version))
        .body(
            Map.of("assessmentId", assessmentId, "personRef", person.personRef(), "level", level));
  }
}
