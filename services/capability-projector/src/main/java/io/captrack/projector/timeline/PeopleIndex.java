package io.captrack.projector.timeline;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.CredentialRevoked;
import io.captrack.schemas.learning.TrainingCompleted;
import io.captrack.schemas.learning.TrainingEnrolled;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.TalentHired;
import io.captrack.schemas.talent.TalentRedeployed;
import io.captrack.schemas.talent.TalentSeparated;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Which person an event is about. */
public final class PeopleIndex {

  private PeopleIndex() {}

  /** The personRef an event names, if it names one (a void names only the event it cancels). */
  public static Optional<String> personOf(CloudEvent<?> e) {
    Object d = e.data();
    String ref = null;
    if (d instanceof TalentHired h) {
      ref = h.personRef();
    } else if (d instanceof TalentSeparated s) {
      ref = s.personRef();
    } else if (d instanceof TalentRedeployed r) {
      ref = r.personRef();
    } else if (d instanceof ProficiencyAssessed a) {
      ref = a.personRef();
    } else if (d instanceof TrainingCompleted t) {
      ref = t.personRef();
    } else if (d instanceof TrainingEnrolled t) {
      ref = t.personRef();
    } else if (d instanceof CredentialIssued c) {
      ref = c.personRef();
    } else if (d instanceof CredentialRenewed c) {
      ref = c.personRef();
    } else if (d instanceof CredentialRevoked c) {
      ref = c.personRef();
    }
    return Optional.ofNullable(ref);
  }

  /** Groups a complete list of events into person histories; voids join their target's person. */
  public static Map<String, PersonHistory> group(List<CloudEvent<?>> events) {
    Map<String, String> personOfEvent = new HashMap<>();
    events.forEach(e -> personOf(e).ifPresent(p -> personOfEvent.put(e.id(), p)));
    Map<String, PersonHistory> people = new TreeMap<>();
    for (CloudEvent<?> e : events) {
      String person =
          e.data() instanceof EventVoided v
              ? personOfEvent.get(v.voidedEventId())
              : personOf(e).orElse(null);
      if (person != null) {
        people.computeIfAbsent(person, p -> new PersonHistory()).add(e);
      }
    }
    return people;
  }
}
