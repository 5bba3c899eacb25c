package io.captrack.projector.bench;

import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.TalentHired;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The cost of deriving one more event with the projector's own code for each record ({@link
 * PersonHistory#addWithChanges}: the capabilities and days it can change recomputed, before and
 * after, and their difference), for a person with 5,000 events already against a new person; the
 * same for a void of one of the person's assessments. Loading is left out: the history is in memory
 * (the cache).
 */
final class DerivationCost {

  private static final LocalDate START = LocalDate.now().minusYears(10);

  private final List<String> capabilities;
  private final Random random = new Random(5000);
  private int sequence;

  DerivationCost(List<String> capabilities) {
    this.capabilities = capabilities;
  }

  /**
   * Median microseconds per event: {with 5,000 events, new person, a void of one of 5,000 events, a
   * void of a new person's assessment}. The same derivations run unmeasured first, on a busy person
   * of their own, until the compiler is done with them: a few hundred events are not enough for
   * that, and the medians of a cold run say more about the JIT than about the rules.
   */
  double[] measure(int rounds) {
    for (int w = 0; w < 12; w++) {
      List<CloudEvent<?>> warmEvents = new ArrayList<>();
      PersonHistory warm = busy("warm-" + w, warmEvents);
      for (int i = 0; i < 3000; i++) {
        derive(warm, assessed("warm-" + w));
        derive(new PersonHistory(), hire("warm-" + w + "-" + i));
        if (i % 10 == 0) {
          derive(warm, voided(warmEvents.get(1 + i / 10), "warm-" + w));
          voidOfNew("warm-" + w + "-" + i);
        }
      }
    }
    List<CloudEvent<?>> busyEvents = new ArrayList<>();
    PersonHistory busy = busy("busy", busyEvents);
    double[] old = new double[rounds];
    double[] fresh = new double[rounds];
    double[] oldVoid = new double[rounds];
    double[] freshVoid = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      old[i] = derive(busy, assessed("busy"));
      fresh[i] = derive(new PersonHistory(), hire("new-" + i));
      // a different one of the person's assessments each time
      oldVoid[i] = derive(busy, voided(busyEvents.get(1 + i), "busy"));
      freshVoid[i] = voidOfNew("new-void-" + i);
    }
    return new double[] {median(old), median(fresh), median(oldVoid), median(freshVoid)};
  }

  /** A person with 5,000 events, assessed over ten years, with its holdings at hand. */
  private PersonHistory busy(String person, List<CloudEvent<?>> events) {
    PersonHistory busy = new PersonHistory();
    events.add(hire(person));
    busy.add(events.get(0));
    while (busy.size() < 5000) {
      events.add(assessed(person));
      busy.add(events.get(events.size() - 1));
    }
    busy.capabilities().forEach(busy::holdings);
    return busy;
  }

  /** The derivation of a void of a new person's assessment, the person hired and assessed first. */
  private double voidOfNew(String person) {
    PersonHistory fresh = new PersonHistory();
    fresh.addWithChanges(hire(person));
    CloudEvent<?> assessed = assessed(person);
    fresh.addWithChanges(assessed);
    return derive(fresh, voided(assessed, person));
  }

  private static double derive(PersonHistory person, CloudEvent<?> event) {
    long t = System.nanoTime();
    Map<String, Calendar> changes = person.addWithChanges(event);
    long days = 0;
    for (Calendar change : changes.values()) {
      days += change.changes().size();
    }
    if (days < 0) {
      throw new IllegalStateException();
    }
    return (System.nanoTime() - t) / 1000.0;
  }

  private CloudEvent<?> assessed(String person) {
    LocalDate day = START.plusDays(random.nextInt(3650));
    String capability = capabilities.get(random.nextInt(capabilities.size()));
    AssessmentMethod method = AssessmentMethod.values()[random.nextInt(4)];
    return event(
        EventTypes.PROFICIENCY_ASSESSED,
        day,
        person,
        new ProficiencyAssessed(
            person,
            "a-" + sequence,
            capability,
            method,
            1 + random.nextInt(6),
            "3",
            "canonical",
            day));
  }

  private CloudEvent<?> voided(CloudEvent<?> target, String person) {
    return event(
        EventTypes.LEARNING_EVENT_VOIDED,
        LocalDate.now(),
        person,
        new EventVoided(target.id(), target.type().name(), "benchmark"));
  }

  private CloudEvent<?> hire(String person) {
    LocalDate day = START.plusDays(random.nextInt(100));
    return event(
        EventTypes.TALENT_HIRED,
        day,
        person,
        new TalentHired(
            person, List.of(new CapabilityLevel(capabilities.get(0), 3)), day, HireType.PERMANENT));
  }

  private <T> CloudEvent<T> event(
      io.captrack.schemas.EventType<T> type, LocalDate day, String subject, T data) {
    sequence++;
    return new CloudEvent<>(
        "cost-" + sequence,
        "/bench",
        type,
        day.atStartOfDay().atOffset(ZoneOffset.UTC),
        subject,
        Instant.now(),
        data);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
