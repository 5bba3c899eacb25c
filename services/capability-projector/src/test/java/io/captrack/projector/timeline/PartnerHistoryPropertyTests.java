package io.captrack.projector.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.partner.PartnerAgreementAmended;
import io.captrack.schemas.partner.PartnerAgreementRenewed;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerAgreementTerminated;
import io.captrack.schemas.partner.PartnerQualificationChanged;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.PartnerStatusChanged;
import io.captrack.schemas.partner.QualificationStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Random partner histories (status changes, qualification rounds, agreements amended, renewed and
 * terminated, all back-dated at will, duplicated and shuffled): the calendar equals a plain per-day
 * recomputation from the raw events at every day where anything changes.
 */
class PartnerHistoryPropertyTests {

  private static final int HISTORIES = Integer.getInteger("captrack.oracle.histories", 3000);
  private static final String CAP = "data.ml";
  private static final LocalDate START = LocalDate.of(2026, 1, 1);

  private Random random;
  private int sequence;

  @Test
  void calendarEqualsAPlainRecomputationForRandomPartnerHistories() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      random = new Random(seed);
      List<CloudEvent<?>> events = history();
      PartnerHistory partner = new PartnerHistory("p");
      deliveredAtLeastOnce(events).forEach(partner::add);
      Calendar calendar = Calendar.of(partner, CAP);

      LocalDate firstLent = firstLent(events);
      TreeSet<LocalDate> days = new TreeSet<>(calendar.changes().keySet());
      days.add(START.plusDays(random.nextInt(600)));
      for (LocalDate day : days) {
        for (LocalDate d : List.of(day, day.minusDays(1))) {
          long expected = fteOn(events, d);
          Map<String, Long> figures = calendar.on(d);
          assertThat(figures.getOrDefault("fte", 0L))
              .as("seed %d on %s", seed, d)
              .isEqualTo(expected);
          assertThat(figures.getOrDefault("onboarding", 0L))
              .as("seed %d onboarding on %s", seed, d)
              .isEqualTo(onboardingOn(events, d) ? 1L : 0L);
          Map<String, Long> ttc = new TreeMap<>(figures);
          ttc.keySet().removeIf(k -> !k.startsWith("ttc:"));
          assertThat(ttc)
              .as("seed %d time to capability on %s", seed, d)
              .isEqualTo(ttcOn(events, firstLent, d));
        }
      }
    }
  }

  /**
   * The stretches of lent capacity a partner's profile stores ({@link
   * PartnerHistory#lentStretches}) equal those of the plain recomputation of each day's capacity
   * from the raw events, day by day over the whole span the histories name (the last open-ended).
   */
  @Test
  void lentStretchesEqualThePlainRecomputationDayByDay() {
    for (long seed = 1; seed <= Math.max(1, HISTORIES / 10); seed++) {
      random = new Random(seed);
      List<CloudEvent<?>> events = history();
      PartnerHistory partner = new PartnerHistory("p");
      deliveredAtLeastOnce(events).forEach(partner::add);

      List<Segment<Long>> expected = new ArrayList<>();
      LocalDate from = null;
      long current = 0;
      for (LocalDate d = START.minusDays(1); d.isBefore(START.plusDays(1000)); d = d.plusDays(1)) {
        long centi = fteOn(events, d);
        if (centi != current) {
          if (current != 0) {
            expected.add(new Segment<>(from, d, current));
          }
          from = d;
          current = centi;
        }
      }
      if (current != 0) {
        expected.add(new Segment<>(from, null, current));
      }
      assertThat(partner.lentStretches(CAP)).as("seed %d", seed).isEqualTo(expected);
    }
  }

  /**
   * The calendars a partner keeps between events (only those of the capabilities an event can
   * change are computed again) equal calendars computed afresh from the events so far, after every
   * event, for both capabilities the histories name: what a batch reads before and after each
   * record.
   */
  @Test
  void calendarsKeptBetweenEventsEqualThoseComputedAfresh() {
    for (long seed = 1; seed <= Math.max(1, HISTORIES / 3); seed++) {
      random = new Random(seed);
      List<CloudEvent<?>> events = history();
      List<CloudEvent<?>> delivered = deliveredAtLeastOnce(events);
      PartnerHistory kept = new PartnerHistory("p");
      List<CloudEvent<?>> soFar = new ArrayList<>();
      for (CloudEvent<?> event : delivered) {
        kept.capabilities().forEach(kept::calendar);
        kept.add(event);
        soFar.add(event);
        PartnerHistory fresh = new PartnerHistory("p");
        soFar.forEach(fresh::add);
        assertThat(kept.capabilities()).isEqualTo(fresh.capabilities());
        assertThat(kept.expiries())
            .as("seed %d, expiries after %s", seed, event.id())
            .containsExactlyInAnyOrderElementsOf(fresh.expiries());
        for (String capability : fresh.capabilities()) {
          Calendar a = kept.calendar(capability);
          Calendar b = fresh.calendar(capability);
          TreeSet<LocalDate> days = new TreeSet<>(a.changes().keySet());
          days.addAll(b.changes().keySet());
          for (LocalDate day : days) {
            assertThat(nonZero(a.on(day)))
                .as("seed %d, %s on %s after %s", seed, capability, day, event.id())
                .isEqualTo(nonZero(b.on(day)));
          }
        }
      }
    }
  }

  /**
   * No event changes a day before the one {@link PartnerHistory#affectedFrom} names for it, and the
   * parts of the calendars from that day on ({@link PartnerHistory#calendarFrom}), taken before and
   * after the event, differ exactly as the whole calendars computed afresh do: what a batch
   * computes for each partner event. The histories also carry planners' voids of random events.
   */
  @Test
  void anEventChangesNoDayBeforeTheFirstItCanChange() {
    int checked = 0;
    for (long seed = 1; seed <= Math.max(1, HISTORIES / 3); seed++) {
      random = new Random(seed);
      List<CloudEvent<?>> events = history();
      List<CloudEvent<?>> delivered = new ArrayList<>(events);
      events.stream().filter(e -> random.nextInt(4) == 0).forEach(delivered::add);
      delivered.addAll(voids(events, 5));
      Collections.shuffle(delivered, random);
      PartnerHistory partner = new PartnerHistory("p");
      List<CloudEvent<?>> soFar = new ArrayList<>();
      for (CloudEvent<?> event : delivered) {
        if (soFar.size() == delivered.size() / 2) {
          partner = PartnerHistory.thaw(partner.freeze()); // as between batches
        }
        LocalDate from = partner.affectedFrom(event);
        Map<String, Calendar> wholeBefore = new TreeMap<>();
        Map<String, Calendar> partBefore = new TreeMap<>();
        PartnerHistory before = new PartnerHistory("p");
        soFar.forEach(before::add);
        for (String capability : List.of(CAP, "data.analyst")) {
          wholeBefore.put(capability, before.calendar(capability));
          if (from != null) {
            partBefore.put(capability, partner.calendarFrom(capability, from));
          }
        }
        partner.add(event);
        soFar.add(event);
        if (from == null) {
          continue;
        }
        PartnerHistory after = new PartnerHistory("p");
        soFar.forEach(after::add);
        for (String capability : List.of(CAP, "data.analyst")) {
          Calendar whole =
              new Calendar().plus(after.calendar(capability)).plus(wholeBefore.get(capability), -1);
          Calendar part =
              new Calendar()
                  .plus(partner.calendarFrom(capability, from))
                  .plus(partBefore.get(capability), -1);
          TreeSet<LocalDate> days = new TreeSet<>(whole.changes().keySet());
          days.addAll(part.changes().keySet());
          days.add(from.minusDays(1));
          for (LocalDate day : days) {
            assertThat(nonZero(part.on(day)))
                .as("seed %d, %s on %s, %s from %s", seed, capability, day, event.data(), from)
                .isEqualTo(nonZero(whole.on(day)));
          }
          checked++;
        }
      }
    }
    assertThat(checked).isPositive();
  }

  /**
   * What the projector keeps of a partner between batches is the binary form of its facts: a
   * history frozen part way and thawed, then given the rest of its events (and the first ones
   * again), answers as the one that took every event: the same capabilities, days, calendars and
   * expiries, the same capabilities and first day for each further event (a void's among them,
   * which reads the event it cancels), and the repeated events change nothing. Frozen again, it
   * writes the same bytes as the one that took every event.
   */
  @Test
  void aFrozenAndThawedPartnerAnswersAsTheOriginal() {
    for (long seed = 1; seed <= HISTORIES; seed++) {
      random = new Random(seed);
      List<CloudEvent<?>> events = history();
      List<CloudEvent<?>> delivered = new ArrayList<>(events);
      delivered.addAll(voids(events, 6));
      Collections.shuffle(delivered, random);
      int half = delivered.size() / 2;
      PartnerHistory whole = new PartnerHistory("p");
      PartnerHistory first = new PartnerHistory("p");
      delivered.subList(0, half).forEach(first::add);
      PartnerHistory thawed = PartnerHistory.thaw(first.freeze());
      assertThat(thawed.size()).as("seed %d: facts kept", seed).isEqualTo(first.size());
      delivered.subList(0, half).forEach(whole::add);
      for (CloudEvent<?> again : delivered.subList(0, half)) {
        assertThat(thawed.add(again)).as("seed %d: %s known", seed, again.id()).isFalse();
      }
      for (CloudEvent<?> next : delivered.subList(half, delivered.size())) {
        assertThat(thawed.affectedBy(next))
            .as("seed %d: capabilities %s changes", seed, next.data())
            .isEqualTo(whole.affectedBy(next));
        assertThat(thawed.affectedFrom(next))
            .as("seed %d: first day %s changes", seed, next.data())
            .isEqualTo(whole.affectedFrom(next));
        thawed.add(next);
        whole.add(next);
      }
      // the thawed facts' bytes copied, the rest written with the refs they wrote: the same bytes
      assertThat(thawed.freeze()).as("seed %d: frozen form", seed).isEqualTo(whole.freeze());
      PartnerHistory twice = PartnerHistory.thaw(thawed.freeze());
      assertThat(twice.capabilities()).as("seed %d", seed).isEqualTo(whole.capabilities());
      assertThat(twice.boundaries()).as("seed %d", seed).isEqualTo(whole.boundaries());
      assertThat(twice.expiries())
          .as("seed %d", seed)
          .containsExactlyInAnyOrderElementsOf(whole.expiries());
      for (String capability : List.of(CAP, "data.analyst")) {
        assertThat(twice.calendar(capability).changes())
            .as("seed %d, %s", seed, capability)
            .isEqualTo(whole.calendar(capability).changes());
      }
    }
  }

  /** Planners' voids of about one in {@code oneIn} of the events, drawn from {@link #random}. */
  private List<CloudEvent<?>> voids(List<CloudEvent<?>> events, int oneIn) {
    List<CloudEvent<?>> voids = new ArrayList<>();
    for (CloudEvent<?> e : events) {
      if (random.nextInt(oneIn) == 0) {
        voids.add(
            event(
                EventTypes.PLANNING_EVENT_VOIDED,
                new EventVoided(e.id(), e.type().name(), "corrected")));
      }
    }
    return voids;
  }

  private static Map<String, Long> nonZero(Map<String, Long> figures) {
    Map<String, Long> kept = new TreeMap<>(figures);
    kept.values().removeIf(v -> v == 0L);
    return kept;
  }

  /**
   * The oracle, from README's rule: ONBOARDING that day, and a round naming the capability begun by
   * then whose decision in force (if any) is not a rejection or disqualification.
   */
  private static boolean onboardingOn(List<CloudEvent<?>> events, LocalDate day) {
    if (statusOn(events, day) != PartnerStatus.ONBOARDING) {
      return false;
    }
    for (String q : List.of("q1", "q2")) {
      boolean begun =
          events.stream()
              .anyMatch(
                  e ->
                      e.data() instanceof PartnerQualificationChanged c
                          && c.qualificationId().equals(q)
                          && c.capabilities().contains(CAP)
                          && !c.validFrom().isAfter(day));
      var decision = decisionOn(events, q, day);
      if (begun
          && (decision.isEmpty()
              || (decision.get().status() != QualificationStatus.REJECTED
                  && decision.get().status() != QualificationStatus.DISQUALIFIED))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The oracle, from README's rule: qualified on a day when a round naming the capability has, as
   * its latest decision by validFrom up to that day, QUALIFIED or CONDITIONAL, and the day is not
   * after its validUntil. IN_PROGRESS is no decision.
   */
  private static boolean qualifiedOn(List<CloudEvent<?>> events, LocalDate day) {
    for (String q : List.of("q1", "q2")) {
      var decision = decisionOn(events, q, day);
      if (decision.isPresent()
          && (decision.get().status() == QualificationStatus.QUALIFIED
              || decision.get().status() == QualificationStatus.CONDITIONAL)
          && decision.get().capabilities().contains(CAP)
          && (decision.get().validUntil() == null || !day.isAfter(decision.get().validUntil()))) {
        return true;
      }
    }
    return false;
  }

  private static java.util.Optional<PartnerQualificationChanged> decisionOn(
      List<CloudEvent<?>> events, String q, LocalDate day) {
    return events.stream()
        .filter(
            e ->
                e.data() instanceof PartnerQualificationChanged c
                    && c.qualificationId().equals(q)
                    && c.status() != QualificationStatus.IN_PROGRESS
                    && !c.validFrom().isAfter(day))
        .max(order(e -> ((PartnerQualificationChanged) e.data()).validFrom()))
        .map(e -> (PartnerQualificationChanged) e.data());
  }

  /** The oracle: days from the first round for the capability to the first day of capacity. */
  private static Map<String, Long> ttcOn(
      List<CloudEvent<?>> events, LocalDate first, LocalDate day) {
    Map<String, Long> ttc = new TreeMap<>();
    if (first == null || first.isAfter(day)) {
      return ttc;
    }
    LocalDate began = first;
    for (CloudEvent<?> e : events) {
      if (e.data() instanceof PartnerQualificationChanged q
          && q.capabilities().contains(CAP)
          && q.validFrom().isBefore(began)) {
        began = q.validFrom();
      }
    }
    ttc.put("ttc:BORROW:" + java.time.temporal.ChronoUnit.DAYS.between(began, first), 1L);
    return ttc;
  }

  /** The first day with capacity, day by day over the period the events span. */
  private static LocalDate firstLent(List<CloudEvent<?>> events) {
    LocalDate from = START.minusDays(1);
    for (CloudEvent<?> e : events) {
      if (e.time().toLocalDate().isBefore(from)) {
        from = e.time().toLocalDate();
      }
    }
    for (LocalDate d = from; d.isBefore(START.plusDays(1000)); d = d.plusDays(1)) {
      if (fteOn(events, d) > 0) {
        return d;
      }
    }
    return null;
  }

  private static PartnerStatus statusOn(List<CloudEvent<?>> events, LocalDate day) {
    return events.stream()
        .filter(e -> e.data() instanceof PartnerStatusChanged s && !s.effectiveOn().isAfter(day))
        .max(order(e -> ((PartnerStatusChanged) e.data()).effectiveOn()))
        .map(e -> ((PartnerStatusChanged) e.data()).to())
        .orElse(PartnerStatus.ONBOARDING);
  }

  /** The oracle: capacity lent on one day, straight from the raw events. */
  private static long fteOn(List<CloudEvent<?>> events, LocalDate day) {
    PartnerStatus status =
        events.stream()
            .filter(
                e -> e.data() instanceof PartnerStatusChanged s && !s.effectiveOn().isAfter(day))
            .max(order(e -> ((PartnerStatusChanged) e.data()).effectiveOn()))
            .map(e -> ((PartnerStatusChanged) e.data()).to())
            .orElse(PartnerStatus.ONBOARDING);
    if (status != PartnerStatus.ACTIVE) {
      return 0;
    }
    boolean qualified = qualifiedOn(events, day);
    if (!qualified) {
      return 0;
    }
    long total = 0;
    for (CloudEvent<?> e : events) {
      if (!(e.data() instanceof PartnerAgreementSigned s) || day.isBefore(s.effectiveFrom())) {
        continue;
      }
      var amended =
          events.stream()
              .filter(
                  a ->
                      a.data() instanceof PartnerAgreementAmended m
                          && m.agreementId().equals(s.agreementId())
                          && !m.effectiveFrom().isAfter(day))
              .max(order(a -> ((PartnerAgreementAmended) a.data()).effectiveFrom()))
              .map(a -> (PartnerAgreementAmended) a.data());
      List<String> caps = amended.isPresent() ? amended.get().capabilities() : s.capabilities();
      BigDecimal fte = amended.isPresent() ? amended.get().capacityFte() : s.capacityFte();
      LocalDate end = amended.isPresent() ? amended.get().effectiveTo() : s.effectiveTo();
      var renewal =
          events.stream()
              .filter(
                  r ->
                      r.data() instanceof PartnerAgreementRenewed n
                          && n.agreementId().equals(s.agreementId()))
              .max(order(r -> LocalDate.MIN))
              .map(r -> ((PartnerAgreementRenewed) r.data()).effectiveTo());
      if (end != null && renewal.isPresent() && renewal.get().isAfter(end)) {
        end = renewal.get();
      }
      for (CloudEvent<?> t : events) {
        if (t.data() instanceof PartnerAgreementTerminated x
            && x.agreementId().equals(s.agreementId())
            && (end == null || x.effectiveOn().isBefore(end))) {
          end = x.effectiveOn();
        }
      }
      if ((end == null || day.isBefore(end)) && caps.contains(CAP)) {
        total += fte.movePointRight(2).longValueExact();
      }
    }
    return total;
  }

  private static Comparator<CloudEvent<?>> order(
      java.util.function.Function<CloudEvent<?>, LocalDate> effective) {
    return Comparator.comparing(effective)
        .thenComparing(CloudEvent::recordedAt)
        .thenComparing(CloudEvent::id);
  }

  /** The events as an at-least-once producer delivers them: about one in four twice, shuffled. */
  private List<CloudEvent<?>> deliveredAtLeastOnce(List<CloudEvent<?>> events) {
    List<CloudEvent<?>> delivered = new ArrayList<>(events);
    events.stream().filter(e -> random.nextInt(4) == 0).forEach(delivered::add);
    Collections.shuffle(delivered, random);
    return delivered;
  }

  private List<CloudEvent<?>> history() {
    List<CloudEvent<?>> events = new ArrayList<>();
    List<String> agreements = new ArrayList<>();
    // a round's scope is set when it opens and stays
    Map<String, List<String>> scopes = new java.util.HashMap<>();
    for (String round : List.of("q1", "q2")) {
      int pick = random.nextInt(3);
      scopes.put(
          round,
          pick == 0
              ? List.of("data.analyst")
              : pick == 1 ? List.of(CAP) : List.of(CAP, "data.analyst"));
    }
    int count = 2 + random.nextInt(10);
    for (int i = 0; i < count; i++) {
      LocalDate day = START.plusDays(random.nextInt(500));
      List<String> caps = random.nextBoolean() ? List.of(CAP) : List.of(CAP, "data.analyst");
      switch (random.nextInt(7)) {
        case 0, 1 -> {
          PartnerStatus to = PartnerStatus.values()[random.nextInt(PartnerStatus.values().length)];
          events.add(
              event(
                  EventTypes.PARTNER_STATUS_CHANGED,
                  new PartnerStatusChanged(
                      "p",
                      PartnerStatus.ONBOARDING,
                      random.nextBoolean() ? PartnerStatus.ACTIVE : to,
                      day,
                      null)));
        }
        case 2 -> {
          String round = random.nextBoolean() ? "q1" : "q2";
          QualificationStatus s =
              QualificationStatus.values()[random.nextInt(QualificationStatus.values().length)];
          LocalDate until = s.inForce() ? day.plusDays(random.nextInt(300)) : null;
          events.add(
              event(
                  EventTypes.PARTNER_QUALIFICATION_CHANGED,
                  new PartnerQualificationChanged("p", round, scopes.get(round), s, day, until)));
        }
        case 3 -> {
          String id = "a" + i;
          agreements.add(id);
          LocalDate to = random.nextBoolean() ? null : day.plusDays(1 + random.nextInt(300));
          events.add(
              event(
                  EventTypes.PARTNER_AGREEMENT_SIGNED,
                  new PartnerAgreementSigned(
                      id,
                      "p",
                      caps,
                      BigDecimal.valueOf(1 + random.nextInt(40), 1),
                      null,
                      day,
                      to,
                      0)));
        }
        case 4 -> {
          if (!agreements.isEmpty()) {
            String id = agreements.get(random.nextInt(agreements.size()));
            LocalDate to = random.nextBoolean() ? null : day.plusDays(1 + random.nextInt(300));
            events.add(
                event(
                    EventTypes.PARTNER_AGREEMENT_AMENDED,
                    new PartnerAgreementAmended(
                        id,
                        "p",
                        1 + i,
                        caps,
                        BigDecimal.valueOf(random.nextInt(50), 1),
                        null,
                        day,
                        to,
                        0)));
          }
        }
        case 5 -> {
          if (!agreements.isEmpty()) {
            String id = agreements.get(random.nextInt(agreements.size()));
            events.add(
                event(
                    EventTypes.PARTNER_AGREEMENT_RENEWED,
                    new PartnerAgreementRenewed(
                        id, "p", day, day.plusDays(1 + random.nextInt(400)))));
          }
        }
        default -> {
          if (!agreements.isEmpty()) {
            String id = agreements.get(random.nextInt(agreements.size()));
            events.add(
                event(
                    EventTypes.PARTNER_AGREEMENT_TERMINATED,
                    new PartnerAgreementTerminated(id, "p", day, null)));
          }
        }
      }
    }
    return events;
  }

  private <T> CloudEvent<T> event(EventType<T> type, T data) {
    sequence++;
    return new CloudEvent<>(
        String.format("pe-%06d", sequence),
        "/test",
        type,
        START.atStartOfDay().atOffset(ZoneOffset.UTC),
        "p",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1000)),
        data);
  }
}
