package io.captrack.talent.movement;

import com.mongodb.client.model.Updates;
import io.captrack.platform.PersonRefs;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.platform.web.ETags;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.TalentRedeployed;
import io.captrack.schemas.talent.TalentSeparated;
import io.captrack.talent.person.People;
import io.captrack.talent.person.Person;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** People moving inside the business (redeployment) and out of it (separation). */
@RestController
class MovementController {

  private final People people;
  private final PersonRefs personRefs;
  private final Taxonomy taxonomy;

  MovementController(People people, PersonRefs personRefs, Taxonomy taxonomy) {
    this.people = people;
    this.personRefs = personRefs;
    this.taxonomy = taxonomy;
  }

  @PostMapping("/redeployments")
  ResponseEntity<Map<String, Object>> redeploy(
      @Valid @RequestBody MovementRequests.Redeploy request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    List<CapabilityLevel> capabilities =
        request.capabilities().stream()
            .map(c -> new CapabilityLevel(c.capabilityId(), c.level()))
            .toList();
    List<String> unknown =
        taxonomy.unknown(capabilities.stream().map(CapabilityLevel::capabilityId).toList());
    if (!unknown.isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability ids: " + String.join(", ", unknown));
    }
    Person person = people.employed(personRefs.of(request.hrId()));
    if (request.effectiveOn().isBefore(person.lastHireStart())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a redeployment cannot precede the hire of " + person.lastHireStart());
    }
    TalentRedeployed redeployed =
        new TalentRedeployed(
            person.personRef(), capabilities, request.effectiveOn(), request.role());
    long version =
        people.change(
            Optional.of(person),
            ifMatch,
            Updates.push(
                "redeployments",
                new Document("effectiveOn", request.effectiveOn().toString())
                    .append("role", request.role())),
            people.event(
                EventTypes.TALENT_REDEPLOYED,
                request.effectiveOn(),
                person.personRef(),
                redeployed));
    return answer(person.personRef(), version);
  }

  @PostMapping("/separations")
  ResponseEntity<Map<String, Object>> separate(
      @Valid @RequestBody MovementRequests.Separate request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Person person = people.employed(personRefs.of(request.hrId()));
    if (request.effectiveOn().isBefore(person.lastHireStart())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a person cannot leave before their hire of " + person.lastHireStart());
    }
    TalentSeparated separated =
        new TalentSeparated(person.personRef(), request.effectiveOn(), request.reason());
    long version =
        people.change(
            Optional.of(person),
            ifMatch,
            Updates.combine(
                Updates.set("separatedOn", request.effectiveOn().toString()),
                Updates.set("separationReason", request.reason().name())),
            people.event(
                EventTypes.TALENT_SEPARATED, request.effectiveOn(), person.personRef(), separated));
    return answer(person.personRef(), version);
  }

  private static ResponseEntity<Map<String, Object>> answer(String personRef, long version) {
    return ResponseEntity.status(HttpStatus.CREATED)
        .eTag(ETags.of(version))
        .body(Map.of("personRef", personRef, "version", version));
  }
}
