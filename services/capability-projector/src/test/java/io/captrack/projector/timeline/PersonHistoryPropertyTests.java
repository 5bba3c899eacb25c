package io.captrack.projector.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random histories (late and back-dated events, duplicates, reordering, voids,
 * expiring and revoked credentials, leavers): the calendar built from person histories equals the
 * oracle at every day where anything changes, and does not depend on delivery order or duplicates.
 * {@code -Dcaptrack.oracle.histories=100000} runs longer.
 */
class PersonHistoryPropertyTests {

  private static final int HISTORIES = Integer.getInteger("captrack.oracle.histories", 3000);

  @Test
  void calendarEqualsTheOracleAtEveryDayForRandomHistories() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      RandomHistories random = new RandomHistories(seed);
      List<CloudEvent<?>> all = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        all.addAll(random.person(("p" + p).repeat(1)));
      }
      List<CloudEvent<?>> delivered = random.delivered(all);
      List<CloudEvent<?>> againDelivered = random.delivered(all);

      for (String capability : RandomHistories.CAPABILITIES) {
        Calendar calendar = calendar(delivered, capability);
        assertThat(calendar(againDelivered, capability).changes())
            .as("seed %d: delivery order must not matter", seed)
            .isEqualTo(calendar.changes());
        TreeSet<LocalDate> days = new TreeSet<>(calendar.changes().keySet());
        days.add(random.day());
        days.add(RandomHistories.START.minusDays(1));
        for (LocalDate day : days) {
          for (LocalDate d : List.of(day, day.minusDays(1))) {
            Map<String, Long> expected = PersonOracle.figures(all, capability, d);
            assertThat(calendar.on(d))
                .as("seed %d, %s on %s", seed, capability, d)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  /**
   * The credentials a person's history says end on a known day (what the projector keeps in {@code
   * expiries}) are those the oracle finds, after every event delivered (renewals, revocations and
   * voids among them, in any order).
   */
  @Test
  void expiriesEqualTheOracleAfterEveryEvent() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      RandomHistories random = new RandomHistories(seed);
      List<CloudEvent<?>> delivered = random.delivered(random.person("p0"));
      PersonHistory history = new PersonHistory();
      List<CloudEvent<?>> so = new ArrayList<>();
      for (CloudEvent<?> e : delivered) {
        history.addWithChanges(e);
        so.add(e);
        assertThat(
                history.expiries("p0").stream()
                    .map(
                        x -> x.id() + " " + String.join(",", x.capabilityIds()) + " " + x.lastDay())
                    .toList())
            .as("seed %d, after %s", seed, e.id())
            .containsExactlyInAnyOrderElementsOf(PersonOracle.expiries(so));
      }
    }
  }

  /**
   * Events added one by one, recomputing only the capabilities each says it can change: what those
   * recomputations add up to equals the whole calendar of every capability, so no event changes a
   * capability it does not name (voids, completions of enrolments, renewals and revocations of
   * credentials, leavers and hires included).
   */
  @Test
  void recomputingOnlyTheAffectedCapabilitiesAddsUpToTheWholeCalendar() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      RandomHistories random = new RandomHistories(seed);
      List<CloudEvent<?>> delivered = random.delivered(random.person("p0"));
      PersonHistory person = new PersonHistory();
      Map<String, Calendar> sums = new HashMap<>();
      for (CloudEvent<?> event : delivered) {
        Set<String> affected = person.affectedBy(event);
        Set<String> recomputed = new TreeSet<>(affected == null ? person.capabilities() : affected);
        Map<String, Calendar> before = new HashMap<>();
        recomputed.forEach(c -> before.put(c, Calendar.of(person, c)));
        person.add(event);
        if (affected == null) {
          recomputed.addAll(person.capabilities());
        }
        for (String c : recomputed) {
          sums.computeIfAbsent(c, x -> new Calendar())
              .plus(Calendar.of(person, c))
              .plus(before.getOrDefault(c, new Calendar()), -1);
        }
      }
      wholeCalendarIsTheSum(seed, delivered, sums);
    }
  }

  /**
   * What the projector does with each record ({@link PersonHistory#addWithChanges}): only the days
   * from the first one an event can change are swept, and an added claim stops the sweep where a
   * stronger lasting claim holds. The changes it reports, event by event, add up to the whole
   * calendar of every capability, and the holdings it splices equal those of the whole history; a
   * history is frozen and thawed part way, as between batches, and a known event reports none.
   * Histories of up to 40 events of one person, so that claims overtake each other.
   */
  @Test
  void theChangesReportedEventByEventAddUpToTheWholeCalendarAndHoldings() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      RandomHistories random = new RandomHistories(seed);
      List<CloudEvent<?>> events = new ArrayList<>();
      int rounds = 1 + (int) (seed % 5);
      for (int i = 0; i < rounds; i++) {
        events.addAll(random.person("p0"));
      }
      List<CloudEvent<?>> delivered = random.delivered(events);
      PersonHistory person = new PersonHistory();
      Map<String, Calendar> sums = new HashMap<>();
      Set<String> seen = new java.util.HashSet<>();
      // frozen and thawed at each quarter: a form written from a thawed one is thawed again
      int quarter = Math.max(1, delivered.size() / 4);
      for (int i = 0; i < delivered.size(); i++) {
        if (i > 0 && i % quarter == 0) {
          person = PersonHistory.thaw(person.freeze());
        }
        CloudEvent<?> event = delivered.get(i);
        Map<String, Calendar> changes = person.addWithChanges(event);
        if (!seen.add(event.id())) {
          assertThat(changes).as("seed %d: %s known", seed, event.id()).isNull();
          continue;
        }
        changes.forEach((c, change) -> sums.computeIfAbsent(c, x -> new Calendar()).plus(change));
      }
      PersonHistory whole = wholeCalendarIsTheSum(seed, delivered, sums);
      for (String capability : RandomHistories.CAPABILITIES) {
        assertThat(person.holdings(capability))
            .as("seed %d, %s holdings", seed, capability)
            .isEqualTo(whole.timeline(capability).holdings());
      }
    }
  }

  /**
   * What the projector keeps of a person between batches is the binary form of the facts: a history
   * frozen part way and thawed, then given the rest of its events (and the first ones again),
   * answers as the one that took every event as an object: the same calendar, holdings, expiries
   * and capabilities, and the repeated events change nothing. Frozen again, it writes the same
   * bytes as the one that took every event (it copies those of the facts it was thawed with).
   */
  @Test
  void aFrozenAndThawedHistoryAnswersAsTheOriginal() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      RandomHistories random = new RandomHistories(seed);
      List<CloudEvent<?>> delivered = random.delivered(random.person("p0"));
      PersonHistory whole = new PersonHistory();
      delivered.forEach(whole::add);
      int half = delivered.size() / 2;
      PersonHistory first = new PersonHistory();
      delivered.subList(0, half).forEach(first::add);
      PersonHistory thawed = PersonHistory.thaw(first.freeze());
      assertThat(thawed.size()).as("seed %d: facts kept", seed).isEqualTo(first.size());
      for (CloudEvent<?> again : delivered.subList(0, half)) {
        assertThat(thawed.add(again)).as("seed %d: %s known", seed, again.id()).isFalse();
      }
      delivered.subList(half, delivered.size()).forEach(thawed::add);
      // the thawed facts' bytes copied, the rest written: the form of the same facts written whole
      assertThat(thawed.freeze()).as("seed %d: frozen form", seed).isEqualTo(whole.freeze());
      PersonHistory twice = PersonHistory.thaw(thawed.freeze());
      assertThat(twice.capabilities()).as("seed %d", seed).isEqualTo(whole.capabilities());
      assertThat(twice.expiries("p0"))
          .as("seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(whole.expiries("p0"));
      for (String capability : RandomHistories.CAPABILITIES) {
        assertThat(Calendar.of(twice, capability).changes())
            .as("seed %d, %s", seed, capability)
            .isEqualTo(Calendar.of(whole, capability).changes());
        // holdings carried by the frozen form, and those of the first half once events changed them
        assertThat(twice.holdings(capability))
            .as("seed %d, %s holdings", seed, capability)
            .isEqualTo(whole.timeline(capability).holdings());
        assertThat(thawed.holdings(capability))
            .as("seed %d, %s holdings after the second half", seed, capability)
            .isEqualTo(whole.timeline(capability).holdings());
      }
    }
  }

  /**
   * Asserts that the changes summed per capability equal the calendar of a history that took every
   * delivered event; returns that history.
   */
  private static PersonHistory wholeCalendarIsTheSum(
      long seed, List<CloudEvent<?>> delivered, Map<String, Calendar> sums) {
    PersonHistory whole = new PersonHistory();
    delivered.forEach(whole::add);
    for (String capability : RandomHistories.CAPABILITIES) {
      assertThat(sums.getOrDefault(capability, new Calendar()).changes())
          .as("seed %d, %s", seed, capability)
          .isEqualTo(Calendar.of(whole, capability).changes());
    }
    return whole;
  }

  static Calendar calendar(List<CloudEvent<?>> delivered, String capability) {
    Map<String, PersonHistory> people = PeopleIndex.group(delivered);
    Calendar calendar = new Calendar();
    for (PersonHistory person : people.values()) {
      calendar.plus(Calendar.of(person, capability));
    }
    return calendar;
  }
}
