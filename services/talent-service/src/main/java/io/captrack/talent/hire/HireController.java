package io.captrack.talent.hire;

import io.captrack.platform.PersonRefs;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.TalentHired;
import jakarta.validation.Valid;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HireController {

  private final People people;
  private final PersonRefs personRefs;
  private final Taxonomy taxonomy;

  HireController(People people, PersonRefs personRefs, Taxonomy taxonomy) {
    this.people = people;
    this.personRefs = personRefs;
    this.taxonomy = taxonomy;
  }

  @PostMapping("/hires")
  @ResponseStatus(HttpStatus.CREATED)
  HireView hire(@Valid @RequestBody HireRequest request) {
    List<String> ids =
        request.capabilities().stream()
            .map(HireRequest.CapabilityLevelRequest::capabilityId)
            .toList();
    List<String> unknown = taxonomy.unknown(ids);
    if (!unknown.isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability ids: " + String.join(", ", unknown));
    }
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw CommandRejectedException.unprocessable(
            "duplicate-capability", "capability " + id + " is listed twice");
      }
    }
    return people.hire(
        new TalentHired(
            personRefs.of(request.hrId()),
            request.capabilities().stream()
                .map(c -> new CapabilityLevel(c.capabilityId(), c.level()))
                .toList(),
            request.startDate(),
            request.hireType()));
  }
}
