package io.captrack.learning.enrolment;

import io.captrack.platform.PersonRefs;
import io.captrack.platform.outbox.Versioned;
import io.captrack.platform.web.ETags;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EnrolmentController {

  private final Enrolments enrolments;
  private final PersonRefs personRefs;

  EnrolmentController(Enrolments enrolments, PersonRefs personRefs) {
    this.enrolments = enrolments;
    this.personRefs = personRefs;
  }

  @PostMapping("/enrolments")
  ResponseEntity<Document> enrol(@Valid @RequestBody EnrolmentRequests.Enrol request) {
    Document enrolled =
        enrolments.enrol(
            request.enrolmentId(),
            personRefs.of(request.hrId()),
            request.courseId(),
            request.enrolledOn(),
            request.expectedCompletion());
    return ResponseEntity.created(URI.create("/enrolments/" + enrolled.getString("_id")))
        .eTag(ETags.of(Versioned.version(enrolled)))
        .body(enrolled);
  }

  @GetMapping("/enrolments/{enrolmentId}")
  ResponseEntity<Document> get(@PathVariable String enrolmentId) {
    Document d = enrolments.load(enrolmentId);
    return ResponseEntity.ok().eTag(ETags.of(Versioned.version(d))).body(d);
  }

  @PostMapping("/completions")
  ResponseEntity<Map<String, Object>> complete(
      @Valid @RequestBody EnrolmentRequests.Complete request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    String personRef = personRefs.of(request.hrId());
    Enrolments.Completion completion =
        new Enrolments.Completion(
            request.enrolmentId(),
            personRef,
            request.courseId(),
            request.capabilityId(),
            request.success(),
            request.score(),
            request.levelAwarded(),
            request.completedOn());
    Enrolments.Completed completed = enrolments.complete(completion, ifMatch);
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            Map.of(
                "enrolmentId", completed.enrolmentId(),
                "personRef", personRef,
                "eventId", completed.eventId()));
  }

  @PostMapping("/enrolments/{enrolmentId}/void")
  ResponseEntity<Document> voidCompletion(
      @PathVariable String enrolmentId,
      @Valid @RequestBody EnrolmentRequests.Void request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Document voided = enrolments.voidCompletion(enrolmentId, request.reason(), ifMatch);
    return ResponseEntity.ok().eTag(ETags.of(Versioned.version(voided))).body(voided);
  }
}
