package io.captrack.projector.bench;

import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.AssessmentMethod;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.TalentHired;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cost of deriving one more event, as the projector does it for each record (the capabilities
 * it can change recomputed, before and after, and their difference), for a person with 5,000 events
 * already against a new person. Loading is left out: the history is in memory (the cache).
 */
final class DerivationCost {

  private static final LocalDate START = LocalDate.now().minusYears(10);

  private final List<String> capabilities;
  private final Random random = new Random(5000);
  private int sequence;

  DerivationCost(List<String> capabilities) {
    this.capabilities = capabilities;
  }

  /** Median microseconds per event: {with 5,000 events, new person}. */
  double[] measure(int rounds) {
    PersonHistory busy = new PersonHistory();
    busy.add(hire("busy"));
    while (busy.size() < 5000) {
      busy.add(assessed("busy"));
    }
    busy.capabilities().forEach(busy::timeline);
    double[] old = new double[rounds];
    double[] fresh = new double[rounds];
    for (int warm = 0; warm < 2; warm++) {
      for (int i = 0; i < rounds; i++) {
        old[i] = derive(busy, assessed("busy"));
        PersonHistory newcomer = new PersonHistory();
        fresh[i] = derive(newcomer, hire("new-" + i));
      }
    }
    return new double[] {median(old), median(fresh)};
  }

  private static double derive(PersonHistory person, CloudEvent<?> event) {
    long t = System.nanoTime();
    Set<String> affected = person.affectedBy(event);
    Set<String> touched = new TreeSet<>(affected == null ? person.capabilities() : affected);
    java.util.Map<String, Calendar> before = new java.util.HashMap<>();
    touched.forEach(c -> before.put(c, person.timeline(c).calendar()));
    person.add(event);
    if (affected == null) {
      touched.addAll(person.capabilities());
    }
    long changes = 0;
    for (String c : touched) {
      Calendar change =
          new Calendar()
              .plus(person.timeline(c).calendar())
              .plus(before.getOrDefault(c, new Calendar()), -1);
      changes += change.changes().size();
    }
    if (changes < 0) {
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
