package io.captrack.simulator;

import io.captrack.testkit.HttpJson;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Procurement's side of the history: partners registered over the first two thirds of it, qualified
 * by a second buyer (four eyes), made ACTIVE, lending capacity under agreements that are amended,
 * renewed, terminated or left to lapse; and one agreement signed in error that a planner voids.
 */
final class Suppliers {

  private static final List<String> NAMES =
      List.of(
          "Northwind",
          "Contoso",
          "Fabrikam",
          "Tailspin",
          "Litware",
          "Adatum",
          "Proseware",
          "Wingtip",
          "Coho",
          "Lucerne",
          "Margie",
          "Trey",
          "Alpine",
          "Bellows",
          "Woodgrove");

  private static final class Partner {
    final String id;
    final List<String> capabilities;
    final LocalDate from;
    Agreement current;

    Partner(String id, List<String> capabilities, LocalDate from) {
      this.id = id;
      this.capabilities = capabilities;
      this.from = from;
    }
  }

  private static final class Agreement {
    final String id;
    final LocalDate from;
    LocalDate to;
    double fte;

    Agreement(String id, LocalDate from, LocalDate to, double fte) {
      this.id = id;
      this.from = from;
      this.to = to;
      this.fte = fte;
    }
  }

  private final Company company;
  private final Calls calls;
  private final Random random;
  private final HttpJson buyer;
  private final HttpJson approver;
  private final List<Partner> active = new ArrayList<>();
  private final List<LocalDate> arrivals = new ArrayList<>();
  private List<String> strategic = List.of();
  private Partner firstSigned;
  private String firstAgreement;
  private int partners;
  private int agreements;

  Suppliers(Company company, Calls calls, Random random) {
    this.company = company;
    this.calls = calls;
    this.random = random;
    this.buyer = calls.partners("simulated-buyer");
    this.approver = calls.partners("simulated-buyer-2");
  }

  void prepare(List<String> strategic) {
    this.strategic = strategic;
    long span = company.today().toEpochDay() - company.start().toEpochDay();
    for (int i = 0; i < company.partners(); i++) {
      arrivals.add(company.start().plusDays((long) (span * 0.66 * i / company.partners())));
    }
  }

  void month(LocalDate month, double progress) {
    LocalDate last = company.today();
    while (!arrivals.isEmpty() && arrivals.get(0).isBefore(month.plusMonths(1))) {
      LocalDate day = arrivals.remove(0);
      onboard(day.isAfter(last) ? last : day);
    }
    for (Partner p : active) {
      LocalDate day = random.dayOf(month, last);
      Agreement a = p.current;
      if (a == null) {
        if (!day.isBefore(p.from) && random.chance(0.5)) {
          sign(p, day);
        }
      } else if (!day.isBefore(a.to)) {
        p.current = null;
      } else if (a.to.minusDays(45).isBefore(day)) {
        endOrRenew(p, a, day);
      } else if (day.isAfter(a.from.plusMonths(6)) && random.chance(0.12)) {
        amend(p, a, day);
      }
    }
  }

  private void onboard(LocalDate day) {
    int n = ++partners;
    String name =
        NAMES.get((n - 1) % NAMES.size()) + (n > NAMES.size() ? " " + n : "") + " Digital Ltd";
    JsonNode registered =
        calls.post(
            buyer,
            "/partners",
            """
            {"name":"%s","erpSupplierNumber":"SUP-%d-%04d"}
            """
                .formatted(name, company.seed(), n));
    if (registered == null) {
      return;
    }
    String id = registered.get("partnerId").asString();
    List<String> scope = new ArrayList<>(List.of(random.pick(strategic)));
    String second = random.pick(strategic);
    if (!scope.contains(second) && random.chance(0.5)) {
      scope.add(second);
    }
    JsonNode opened =
        calls.post(
            buyer,
            "/partners/" + id + "/qualifications",
            "{\"capabilities\":[\"%s\"],\"startedOn\":\"%s\"}"
                .formatted(String.join("\",\"", scope), day));
    if (opened == null) {
      return;
    }
    String round = opened.get("qualifications").get(0).get("qualificationId").asString();
    LocalDate from = day.plusDays(random.between(7, 30));
    boolean qualified = random.chance(0.85) && !from.isAfter(company.today());
    // a qualification is valid two years; the latest ones run out soon after today
    LocalDate until = from.plusYears(2);
    JsonNode decided =
        calls.post(
            approver,
            "/partners/" + id + "/qualifications/" + round + "/decision",
            qualified
                ? "{\"status\":\"QUALIFIED\",\"validFrom\":\"%s\",\"validUntil\":\"%s\"}"
                    .formatted(from, until)
                : "{\"status\":\"REJECTED\"}");
    if (decided == null || !qualified) {
      return;
    }
    if (calls.post(
            buyer,
            "/partners/" + id + "/status",
            "{\"status\":\"ACTIVE\",\"effectiveOn\":\"%s\",\"reason\":\"qualified\"}"
                .formatted(from))
        != null) {
      active.add(new Partner(id, scope, from));
    }
  }

  private void sign(Partner p, LocalDate day) {
    String id = "agr-" + company.seed() + "-" + (++agreements);
    double fte = random.between(2, 12) / 4.0;
    LocalDate to = day.plusMonths(random.between(6, 18));
    JsonNode signed =
        calls.post(
            buyer,
            "/partners/" + p.id + "/agreements",
            """
            {"agreementId":"%s","capabilities":["%s"],"capacityFte":%s,"value":{"amount":%d,"currency":"EUR"},"effectiveFrom":"%s","effectiveTo":"%s","noticeDays":30}
            """
                .formatted(
                    id,
                    String.join("\",\"", p.capabilities),
                    fte(fte),
                    (long) (fte * 90_000),
                    day,
                    to));
    if (signed != null) {
      p.current = new Agreement(id, day, to, fte);
      if (firstSigned == null) {
        firstSigned = p;
        firstAgreement = id;
      }
    }
  }

  private void amend(Partner p, Agreement a, LocalDate day) {
    double fte = Math.max(0.5, a.fte + (random.chance(0.7) ? 0.5 : -0.5));
    if (calls.write(
            buyer,
            "PUT",
            "/partners/" + p.id + "/agreements/" + a.id,
            """
            {"capabilities":["%s"],"capacityFte":%s,"effectiveFrom":"%s","effectiveTo":"%s","noticeDays":30}
            """
                .formatted(String.join("\",\"", p.capabilities), fte(fte), day, a.to))
        != null) {
      a.fte = fte;
    }
  }

  /** Near its end an agreement is mostly renewed for a year, sometimes ended early. */
  private void endOrRenew(Partner p, Agreement a, LocalDate day) {
    if (random.chance(0.65)) {
      LocalDate to = a.to.plusYears(1);
      if (calls.post(
              buyer,
              "/partners/" + p.id + "/agreements/" + a.id + "/renewal",
              "{\"effectiveTo\":\"%s\"}".formatted(to))
          != null) {
        a.to = to;
      }
    } else if (random.chance(0.3) && day.isAfter(a.from)) {
      if (calls.post(
              buyer,
              "/partners/" + p.id + "/agreements/" + a.id + "/termination",
              "{\"effectiveOn\":\"%s\",\"reason\":\"budget\"}".formatted(day))
          != null) {
        p.current = null;
      }
    }
  }

  /** The first agreement turns out to have been signed in error: a planner voids its event. */
  void correctOne() {
    if (firstSigned == null) {
      return;
    }
    for (JsonNode entry : calls.read(buyer, "/partners/" + firstSigned.id + "/history")) {
      if (entry.get("type").asString().endsWith("agreement-signed.v1")
          && firstAgreement.equals(entry.path("data").path("agreementId").asString())) {
        calls.post(
            calls.planner(),
            "/corrections",
            """
            {"eventId":"%s","eventType":"%s","partnerId":"%s","reason":"signed in error"}
            """
                .formatted(
                    entry.get("eventId").asString(), entry.get("type").asString(), firstSigned.id));
        return;
      }
    }
  }

  private static String fte(double fte) {
    return String.format(Locale.ROOT, "%.2f", fte);
  }

  int partners() {
    return partners;
  }

  int agreements() {
    return agreements;
  }
}
