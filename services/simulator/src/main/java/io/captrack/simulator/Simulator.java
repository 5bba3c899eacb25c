package io.captrack.simulator;

import io.captrack.testkit.HttpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;

/**
 * Writes a company's history through captrack's public APIs, month by month: a staff that knows the
 * old trades, hires that bring the new ones (often against requisitions), training and
 * certification that build them, redeployments, leavers, assessments, partners qualified and
 * lending capacity under agreements that are amended, renewed and ended, and a planner's targets
 * and one correction. Every call must succeed; the run ends once the read model holds all of it.
 */
public final class Simulator {

  /** What a run wrote. */
  public record Summary(
      int calls,
      int hires,
      int leavers,
      int completions,
      int credentials,
      int partners,
      int agreements,
      List<String> refusals) {}

  private final Company company;
  private final Calls calls;
  private final Random random;
  private final Workforce workforce;
  private final Suppliers suppliers;

  Simulator(Company company, Calls calls) {
    this.company = company;
    this.calls = calls;
    this.random = new Random(company.seed());
    this.workforce = new Workforce(company, calls, random);
    this.suppliers = new Suppliers(company, calls, random);
  }

  /**
   * Runs a simulation against the services at {@code endpoints}; {@code tokens} gives a token for a
   * role and a subject (two buyers approve each other's partners).
   */
  public static Summary run(
      Company company, Calls.Endpoints endpoints, BiFunction<String, String, String> tokens) {
    return new Simulator(company, new Calls(endpoints, tokens)).run();
  }

  /** The local run's services. */
  public static Calls.Endpoints localEndpoints() {
    return Calls.Endpoints.local();
  }

  /** Endpoints by base URL. */
  public static Calls.Endpoints endpoints(
      String partner, String talent, String learning, String api) {
    return new Calls.Endpoints(partner, talent, learning, api);
  }

  Summary run() {
    List<JsonNode> capabilities = new ArrayList<>();
    calls.read(calls.viewer(), "/capabilities").forEach(capabilities::add);
    if (capabilities.isEmpty()) {
      throw new IllegalStateException("capability-api lists no capability: " + calls.refusals());
    }
    Map<String, String> areas = new LinkedHashMap<>();
    capabilities.forEach(
        c -> areas.put(c.get("capabilityId").asString(), c.get("area").asString()));
    List<String> ids = new ArrayList<>(areas.keySet());
    List<String> strategic = strategic(ids);
    planTargets(ids, strategic);
    workforce.prepare(ids, strategic);
    suppliers.prepare(strategic);
    for (LocalDate month = company.start();
        !month.isAfter(company.today());
        month = month.plusMonths(1)) {
      double progress =
          (double) (month.toEpochDay() - company.start().toEpochDay())
              / Math.max(1, company.today().toEpochDay() - company.start().toEpochDay());
      workforce.month(month, progress);
      suppliers.month(month, progress);
    }
    suppliers.correctOne();
    awaitReadModel();
    return new Summary(
        calls.count(),
        workforce.hires(),
        workforce.leavers(),
        workforce.completions(),
        workforce.credentials(),
        suppliers.partners(),
        suppliers.agreements(),
        calls.refusals());
  }

  /** The trades the company builds up: two of each area of the new economy, at most. */
  private List<String> strategic(List<String> ids) {
    List<String> wanted =
        List.of(
            "data.ml",
            "build.devops",
            "exp.ux_designer",
            "mkt.automation",
            "ops.ecom_manager",
            "data.analyst",
            "exp.frontend_dev");
    List<String> chosen = wanted.stream().filter(ids::contains).toList();
    return chosen.isEmpty() ? ids.subList(0, Math.min(5, ids.size())) : chosen;
  }

  /** The transformation plan: higher targets for the strategic trades, raised again midway. */
  private void planTargets(List<String> ids, List<String> strategic) {
    int scale = Math.max(1, company.people() / 50);
    for (String id : strategic) {
      target(id, 3, 2 * scale, company.start());
      target(id, 3, 4 * scale, company.start().plusMonths(company.years() * 6L));
    }
  }

  private void target(String capability, int level, int headcount, LocalDate from) {
    calls.post(
        calls.planner(),
        "/capabilities/" + capability + "/targets",
        """
        {"level":%d,"headcount":%d,"fte":%d,"effectiveFrom":"%s","reason":"transformation plan"}
        """
            .formatted(level, headcount, Math.max(1, headcount / 3), from));
  }

  /** Waits until capability-api answers after every write of the run (read your writes). */
  private void awaitReadModel() {
    String all = calls.allWritten();
    if (all == null) {
      return;
    }
    HttpJson api = calls.viewer();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    String path = "/capabilities?after=" + URLEncoder.encode(all, StandardCharsets.UTF_8);
    while (Instant.now().isBefore(deadline)) {
      int status = api.get(path).statusCode();
      if (status == 200) {
        return;
      }
      if (status != 503) {
        throw new IllegalStateException("capability-api answered " + status + " to " + path);
      }
    }
    throw new IllegalStateException("the read model did not catch up within 5 minutes");
  }

  /**
   * {@code --people=250 --years=3 --partners=12 --seed=42 --tokens=.captrack/tokens}, against the
   * local run's ports (or {@code --api= --partner= --talent= --learning=} base URLs). Tokens are
   * {@code <role>.jwt} files; {@code procurement-2.jwt} is the second buyer.
   */
  public static void main(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("options are --name=value, not " + arg);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Company demo = Company.demo(LocalDate.now(ZoneOffset.UTC));
    Company company =
        new Company(
            Integer.parseInt(options.getOrDefault("people", Integer.toString(demo.people()))),
            Integer.parseInt(options.getOrDefault("years", Integer.toString(demo.years()))),
            Integer.parseInt(options.getOrDefault("partners", Integer.toString(demo.partners()))),
            Long.parseLong(options.getOrDefault("seed", Long.toString(demo.seed()))),
            demo.today());
    Calls.Endpoints local = Calls.Endpoints.local();
    Calls.Endpoints endpoints =
        new Calls.Endpoints(
            options.getOrDefault("partner", local.partner()),
            options.getOrDefault("talent", local.talent()),
            options.getOrDefault("learning", local.learning()),
            options.getOrDefault("api", local.api()));
    Path dir = Path.of(options.getOrDefault("tokens", ".captrack/tokens"));
    Summary summary = run(company, endpoints, (role, subject) -> tokenFile(dir, role, subject));
    System.out.println(describe(summary));
    if (!summary.refusals().isEmpty()) {
      System.exit(1);
    }
  }

  /** One line on what a run wrote, and its refusals if any. */
  public static String describe(Summary s) {
    String line =
        "simulated %,d calls: %,d hires, %,d leavers, %,d completions, %,d credentials, %,d partners, %,d agreements"
            .formatted(
                s.calls(),
                s.hires(),
                s.leavers(),
                s.completions(),
                s.credentials(),
                s.partners(),
                s.agreements());
    return s.refusals().isEmpty()
        ? line
        : line + "\n" + s.refusals().size() + " refused:\n  " + String.join("\n  ", s.refusals());
  }

  private static String tokenFile(Path dir, String role, String subject) {
    String file = subject.endsWith("-2") ? role + "-2.jwt" : role + ".jwt";
    try {
      return Files.readString(dir.resolve(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("no token " + dir.resolve(file), e);
    }
  }
}
