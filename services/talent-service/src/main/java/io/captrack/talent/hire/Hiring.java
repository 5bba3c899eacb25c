package io.captrack.talent.hire;

import com.mongodb.client.model.Updates;
import io.captrack.platform.PersonRefs;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.talent.person.Identities;
import io.captrack.talent.person.People;
import io.captrack.talent.person.Person;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Records hires, from the API or from an HR export. */
@Component
class Hiring {

  /** A hire to record, however it arrived. */
  record Hire(
      String hrId,
      List<CapabilityLevel> capabilities,
      LocalDate startDate,
      HireType hireType,
      String name,
      String email) {}

  private final People people;
  private final Identities identities;
  private final PersonRefs personRefs;
  private final Taxonomy taxonomy;

  Hiring(People people, Identities identities, PersonRefs personRefs, Taxonomy taxonomy) {
    this.people = people;
    this.identities = identities;
    this.personRefs = personRefs;
    this.taxonomy = taxonomy;
  }

  /**
   * Records the hire. The same person starting on the same day is the same hire: a repeat is a 409
   * naming it, which is what makes a re-imported file create nothing new.
   */
  HireView hire(Hire hire) {
    List<String> ids = hire.capabilities().stream().map(CapabilityLevel::capabilityId).toList();
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
    String personRef = personRefs.of(hire.hrId());
    String hireId = hireId(personRef, hire.startDate());
    Optional<Person> person = people.find(personRef);
    if (person.isPresent() && person.get().hireIds().contains(hireId)) {
      throw CommandRejectedException.conflict(
              "duplicate-hire", "this person's hire starting " + hire.startDate() + " is recorded")
          .with("hireId", hireId);
    }
    if (person.isPresent() && person.get().employed()) {
      throw CommandRejectedException.conflict(
          "already-employed", "the person is employed since " + person.get().lastHireStart());
    }
    if (person.isPresent()
        && person.get().separatedOn() != null
        && hire.startDate().isBefore(person.get().separatedOn())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a re-hire must start on or after the day the person left");
    }
    TalentHired hired =
        new TalentHired(personRef, hire.capabilities(), hire.startDate(), hire.hireType());
    Document record =
        new Document("hireId", hireId)
            .append(
                "capabilities",
                hire.capabilities().stream()
                    .map(
                        c ->
                            new Document("capabilityId", c.capabilityId())
                                .append("level", c.level()))
                    .toList())
            .append("startDate", hire.startDate().toString())
            .append("hireType", hire.hireType().name());
    CloudEvent<TalentHired> event =
        people.event(EventTypes.TALENT_HIRED, hire.startDate(), personRef, hired);
    long version =
        people.change(
            person,
            null,
            Updates.combine(Updates.push("hires", record), Updates.unset("separatedOn")),
            event);
    identities.remember(personRef, hire.hrId(), hire.name(), hire.email());
    return new HireView(hireId, personRef, version, event.id());
  }

  private static String hireId(String personRef, LocalDate startDate) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((personRef + "|" + startDate).getBytes(StandardCharsets.UTF_8));
      return "h-" + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
