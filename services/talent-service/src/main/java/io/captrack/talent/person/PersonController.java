package io.captrack.talent.person;

import io.captrack.platform.PersonRefs;
import io.captrack.platform.web.ETags;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/people/{hrId}")
class PersonController {

  private final People people;
  private final Identities identities;
  private final PersonRefs personRefs;

  PersonController(People people, Identities identities, PersonRefs personRefs) {
    this.people = people;
    this.identities = identities;
    this.personRefs = personRefs;
  }

  /** The person's employment state under their personRef; the ETag guards later changes. */
  @GetMapping
  ResponseEntity<Person> get(@PathVariable String hrId) {
    Person person = people.load(personRefs.of(hrId));
    return ResponseEntity.ok().eTag(ETags.of(person.version())).body(person);
  }

  /**
   * Right to erasure: deletes the link between the HR id and the personRef and every personal
   * field. Events and the read model keep only the personRef, which then points to nobody.
   */
  @DeleteMapping
  ResponseEntity<Map<String, Object>> erase(@PathVariable String hrId) {
    boolean erased = identities.erase(personRefs.of(hrId));
    return ResponseEntity.ok(Map.of("erased", erased));
  }
}
