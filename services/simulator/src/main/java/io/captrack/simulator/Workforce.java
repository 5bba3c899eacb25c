package io.captrack.simulator;

import io.captrack.testkit.HttpJson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * HR and L&D's side of the history: the staff, requisitions and hires, leavers, assessments,
 * redeployments, courses, enrolments, completions and credentials. It keeps what it wrote, so that
 * every command it sends is one the services accept.
 */
final class Workforce {

  private static final class Person {
    final String hrId;
    final Map<String, Integer> levels = new HashMap<>();
    final LocalDate since;
    boolean employed = true;

    Person(String hrId, LocalDate since) {
      this.hrId = hrId;
      this.since = since;
    }
  }

  private record Enrolment(
      String id, Person person, String course, String capability, int level, LocalDate due) {}

  private static final class Credential {
    final String id;
    LocalDate validUntil;

    Credential(String id, LocalDate validUntil) {
      this.id = id;
      this.validUntil = validUntil;
    }
  }

  private static final class Requisition {
    final String id;
    final String capability;
    final LocalDate openedOn;
    final int headcount;
    int filled;

    Requisition(String id, String capability, LocalDate openedOn, int headcount) {
      this.id = id;
      this.capability = capability;
      this.openedOn = openedOn;
      this.headcount = headcount;
    }
  }

  private final Company company;
  private final Calls calls;
  private final Random random;
  private final HttpJson talent;
  private final HttpJson learning;
  private final List<Person> people = new ArrayList<>();
  private final List<Enrolment> enrolments = new ArrayList<>();
  private final List<Credential> credentialsHeld = new ArrayList<>();
  private final List<Requisition> requisitions = new ArrayList<>();
  private List<String> all = List.of();
  private List<String> strategic = List.of();
  private int hires;
  private int leavers;
  private int completions;
  private int credentials;
  private int serial;

  Workforce(Company company, Calls calls, Random random) {
    this.company = company;
    this.calls = calls;
    this.random = random;
    this.talent = calls.talent();
    this.learning = calls.learning();
  }

  /** Courses for every capability, and the staff the company starts with (the old trades). */
  void prepare(List<String> capabilities, List<String> strategic) {
    this.all = capabilities;
    this.strategic = strategic;
    for (String capability : capabilities) {
      course(capability + "-basics", capability, 2, "Foundations of " + capability);
      course(capability + "-advanced", capability, 4, "Advanced " + capability);
    }
    List<String> established = capabilities.stream().filter(c -> !strategic.contains(c)).toList();
    for (int i = 0; i < company.people(); i++) {
      LocalDate since = company.start().minusDays(random.between(30, 2_000));
      String first = random.pick(established.isEmpty() ? capabilities : established);
      Map<String, Integer> levels = new HashMap<>();
      levels.put(first, random.between(2, 4));
      if (random.chance(0.15)) {
        levels.put(random.pick(strategic), random.between(1, 2));
      }
      hire(since, levels, null);
    }
  }

  private void course(String id, String capability, int level, String title) {
    calls.write(
        learning,
        "PUT",
        "/courses/" + id,
        """
        {"title":"%s","capabilityId":"%s","levelAwarded":%d}
        """
            .formatted(title, capability, level));
  }

  void month(LocalDate month, double progress) {
    LocalDate last = company.today();
    if (month.getMonthValue() % 3 == 1) {
      openRequisition(random.pick(strategic), random.dayOf(month, last));
    }
    int scale = company.people();
    for (int i = random.count(scale * 0.33 / (company.years() * 12.0)); i > 0; i--) {
      boolean modern = random.chance(0.3 + 0.5 * progress);
      String capability = random.pick(modern ? strategic : all);
      Map<String, Integer> levels = new HashMap<>();
      levels.put(capability, random.between(2, 5));
      hire(random.dayOf(month, last), levels, capability);
    }
    for (Person p : List.copyOf(people)) {
      LocalDate day = random.dayOf(month, last);
      if (p.employed && day.isAfter(p.since.plusDays(60)) && random.chance(0.007)) {
        leave(p, day);
      }
    }
    for (int i = random.count(scale * 0.025); i > 0; i--) {
      enrol(random.dayOf(month, last));
    }
    complete(month.plusMonths(1).minusDays(1));
    renew(month);
    for (int i = random.count(scale * 0.02); i > 0; i--) {
      assess(random.dayOf(month, last));
    }
    if (random.chance(0.25)) {
      redeploy(random.dayOf(month, last));
    }
  }

  private void openRequisition(String capability, LocalDate day) {
    JsonNode opened =
        calls.post(
            talent,
            "/requisitions",
            """
            {"capabilityId":"%s","level":3,"headcount":%d,"openedOn":"%s","targetDate":"%s"}
            """
                .formatted(capability, random.between(1, 3), day, day.plusDays(90)));
    if (opened != null && opened.has("_location")) {
      requisitions.add(
          new Requisition(
              opened.get("_location").asString(),
              capability,
              day,
              opened.path("headcount").asInt(1)));
    }
  }

  private void hire(LocalDate day, Map<String, Integer> levels, String against) {
    String hrId = "SIM-" + company.seed() + "-" + (++serial);
    StringBuilder capabilities = new StringBuilder();
    levels.forEach(
        (c, l) ->
            capabilities
                .append(capabilities.isEmpty() ? "" : ",")
                .append("{\"capabilityId\":\"")
                .append(c)
                .append("\",\"level\":")
                .append(l)
                .append('}'));
    JsonNode hired =
        calls.post(
            talent,
            "/hires",
            """
            {"hrId":"%s","capabilities":[%s],"startDate":"%s","hireType":"%s"}
            """
                .formatted(
                    hrId, capabilities, day, random.chance(0.85) ? "PERMANENT" : "CONTRACTOR"));
    if (hired == null) {
      return;
    }
    Person person = new Person(hrId, day);
    person.levels.putAll(levels);
    people.add(person);
    hires++;
    if (against != null) {
      fill(against, day);
    }
  }

  private void fill(String capability, LocalDate day) {
    for (Iterator<Requisition> it = requisitions.iterator(); it.hasNext(); ) {
      Requisition r = it.next();
      if (r.capability.equals(capability) && !day.isBefore(r.openedOn)) {
        r.filled++;
        if (r.filled >= r.headcount) {
          calls.post(
              talent,
              "/requisitions/" + r.id + "/closure",
              """
              {"closedOn":"%s","outcome":"FILLED","filled":%d}
              """
                  .formatted(day, r.filled));
          it.remove();
        }
        return;
      }
    }
  }

  private void leave(Person p, LocalDate day) {
    JsonNode left =
        calls.post(
            talent,
            "/separations",
            """
            {"hrId":"%s","effectiveOn":"%s","reason":"%s"}
            """
                .formatted(p.hrId, day, random.chance(0.8) ? "VOLUNTARY" : "INVOLUNTARY"));
    if (left != null) {
      p.employed = false;
      leavers++;
    }
  }

  private Person someoneEmployed(LocalDate day) {
    for (int tries = 0; tries < 20 && !people.isEmpty(); tries++) {
      Person p = random.pick(people);
      if (p.employed && !p.since.isAfter(day)) {
        return p;
      }
    }
    return null;
  }

  private void enrol(LocalDate day) {
    Person p = someoneEmployed(day);
    if (p == null) {
      return;
    }
    String capability = random.pick(random.chance(0.8) ? strategic : all);
    int level = p.levels.getOrDefault(capability, 0);
    String course = capability + (level < 2 ? "-basics" : "-advanced");
    String id = "enr-" + company.seed() + "-" + (++serial);
    JsonNode enrolled =
        calls.post(
            learning,
            "/enrolments",
            """
            {"enrolmentId":"%s","hrId":"%s","courseId":"%s","enrolledOn":"%s","expectedCompletion":"%s"}
            """
                .formatted(id, p.hrId, course, day, day.plusDays(45)));
    if (enrolled != null) {
      LocalDate due = day.plusDays(random.between(20, 75));
      enrolments.add(new Enrolment(id, p, course, capability, level < 2 ? 2 : 4, due));
    }
  }

  /** Enrolments due by {@code until} end: most pass, some earn a certification. */
  private void complete(LocalDate until) {
    for (Iterator<Enrolment> it = enrolments.iterator(); it.hasNext(); ) {
      Enrolment e = it.next();
      if (e.due().isAfter(until) || e.due().isAfter(company.today())) {
        continue;
      }
      it.remove();
      if (!e.person().employed) {
        continue;
      }
      boolean passed = random.chance(0.85);
      JsonNode done =
          calls.post(
              learning,
              "/completions",
              """
              {"enrolmentId":"%s","hrId":"%s","courseId":"%s","success":%s,"score":%d,"completedOn":"%s"}
              """
                  .formatted(
                      e.id(),
                      e.person().hrId,
                      e.course(),
                      passed,
                      passed ? random.between(70, 99) : random.between(20, 55),
                      e.due()));
      if (done == null) {
        continue;
      }
      completions++;
      if (passed) {
        e.person().levels.merge(e.capability(), e.level(), Math::max);
        if (random.chance(0.35)) {
          certify(e.person(), e.capability(), e.level(), e.due());
        }
      }
    }
  }

  private void certify(Person p, String capability, int level, LocalDate issuedOn) {
    String id = "cred-" + company.seed() + "-" + (++serial);
    LocalDate validUntil = issuedOn.plusYears(2);
    JsonNode issued =
        calls.post(
            learning,
            "/credentials",
            """
            {"credentialId":"%s","hrId":"%s","capabilityId":"%s","level":%d,"name":"Certified %s","issuer":"Example Institute","issuedOn":"%s","validUntil":"%s"}
            """
                .formatted(id, p.hrId, capability, level, capability, issuedOn, validUntil));
    if (issued != null) {
      credentialsHeld.add(new Credential(id, validUntil));
      credentials++;
    }
  }

  /** Credentials that lapse within two months of {@code month}: most are renewed a month ahead. */
  private void renew(LocalDate month) {
    for (Credential c : credentialsHeld) {
      LocalDate renewedOn = c.validUntil.minusMonths(1);
      if (renewedOn.getYear() == month.getYear()
          && renewedOn.getMonth() == month.getMonth()
          && !renewedOn.isAfter(company.today())
          && random.chance(0.6)) {
        LocalDate until = c.validUntil.plusYears(2);
        if (calls.post(
                learning,
                "/credentials/" + c.id + "/renewal",
                """
                {"renewedOn":"%s","validUntil":"%s"}
                """
                    .formatted(renewedOn, until))
            != null) {
          c.validUntil = until;
        }
      }
    }
  }

  private void assess(LocalDate day) {
    Person p = someoneEmployed(day);
    if (p == null || p.levels.isEmpty()) {
      return;
    }
    String capability = random.pick(List.copyOf(p.levels.keySet()));
    calls.post(
        talent,
        "/assessments",
        """
        {"hrId":"%s","capabilityId":"%s","method":"MANAGER","rawValue":"%d","rawScale":"percent","assessedOn":"%s"}
        """
            .formatted(p.hrId, capability, random.between(35, 95), day));
  }

  /** Latent talent: someone of an old trade moves to a new one. */
  private void redeploy(LocalDate day) {
    Person p = someoneEmployed(day);
    if (p == null || !day.isAfter(p.since)) {
      return;
    }
    String capability = random.pick(strategic);
    if (p.levels.containsKey(capability)) {
      return;
    }
    JsonNode moved =
        calls.post(
            talent,
            "/redeployments",
            """
            {"hrId":"%s","capabilities":[{"capabilityId":"%s","level":2}],"effectiveOn":"%s","role":"%s"}
            """
                .formatted(p.hrId, capability, day, "Redeployed to " + capability));
    if (moved != null) {
      p.levels.put(capability, 2);
    }
  }

  int hires() {
    return hires;
  }

  int leavers() {
    return leavers;
  }

  int completions() {
    return completions;
  }

  int credentials() {
    return credentials;
  }
}
