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
import java.util.Map;
import java.util.Random;

/**
 * The cost of deriving one more event with the projector's own code for each record ({@link
 * PersonHistory#addWithChanges}: the capabilities and days it can change recomputed, before and
 * after, and their difference), for a person with 5,000 events already against a new person.
 * Loading is left out: the history is in memory (the cache).
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
   * Median microseconds per event: {with 5,000 events, new person}. The same derivations run
   * unmeasured first, on a busy person of their own, until the compiler is done with them: a few
   * hundred events are not enough for that, and the medians of a cold run say more about the JIT
   * than about the rules.
   */
  double[] measure(int rounds) {
    for (int w = 0; w < 12; w++) {
      PersonHistory warm = busy("warm-" + w);
      for (int i = 0; i < 3000; i++) {
        derive(warm, assessed("warm-" + w));
        derive(new PersonHistory(), hire("warm-" + w + "-" + i));
      }
    }
    PersonHistory busy = busy("busy");
    double[] old = new double[rounds];
    double[] fresh = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      old[i] = derive(busy, assessed("busy"));
      fresh[i] = derive(new PersonHistory(), hire("new-" + i));
    }
    return new double[] {median(old), median(fresh)};
  }

  /** A person with 5,000 events, assessed over ten years, with its holdings at hand. */
  private PersonHistory busy(String person) {
    PersonHistory busy = new PersonHistory();
    busy.add(hire(person));
    while (busy.size() < 5000) {
      busy.add(assessed(person));
    }
    busy.capabilities().forEach(busy::holdings);
    return busy;
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
