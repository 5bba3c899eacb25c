package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.schemas.CloudEventCodec;
import io.captrack.simulator.Company;
import io.captrack.simulator.Simulator;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.LocalIssuer;
import io.captrack.testkit.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in real headless Chromium over a seeded history: its charts render, its figures are
 * the API's, an agreement posted to partner-service shows up without a reload, and a cut live
 * stream resumes without losing a change. Screenshots go to {@code target/screenshots/}.
 */
class DashboardBrowserIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final String UX = "exp.ux_designer";
  private static final String FRONTEND = "exp.frontend_dev";

  private static CaptrackSystem system;
  private static ChromeDriver browser;
  private static HttpJson partners;
  private static HttpJson api;
  private static String partnerId;
  private static Simulator.Summary summary;

  @BeforeAll
  static void start() {
    TestInfrastructure infra = TestInfrastructure.shared();
    system = new CaptrackSystem(infra.bootstrapServers(), infra.mongoUri());
    partners = CaptrackSystem.http(system.partner).as("alice", "procurement");
    api = CaptrackSystem.http(system.api).as("pat", "viewer");
    summary =
        Simulator.run(
            new Company(40, 2, 5, 7, LocalDate.now(ZoneOffset.UTC)),
            Simulator.endpoints(
                base(system.partner), base(system.talent), base(system.learning), base(system.api)),
            (role, subject) -> LocalIssuer.shared().token(subject, role));
    partnerId = partner("Live Test Ltd", UX, FRONTEND);
  }

  private static String base(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + CaptrackSystem.port(context);
  }

  private static void requireBrowser() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but Chromium is missing: apt-get install chromium chromium-driver");
    }
    Assumptions.assumeTrue(
        present,
        "no Chromium: the dashboard's browser test is skipped; install it with"
            + " 'apt-get update && apt-get install chromium chromium-driver' (.ci/run does)");
    Files.createDirectories(SCREENSHOTS);
    browser = chromium();
  }

  /** README's story of a company going digital, as the simulator writes it through the APIs. */
  @Test
  void theSimulatedHistoryTellsAStory() {
    assertThat(summary.refusals()).as(Simulator.describe(summary)).isEmpty();
    assertThat(summary.hires()).isGreaterThan(40);
    assertThat(summary.completions()).isPositive();
    assertThat(summary.agreements()).isPositive();
    JsonNode now = JSON.readTree(api.get("/capabilities").body());
    Map<String, Integer> channels = new HashMap<>();
    BigDecimal lent = BigDecimal.ZERO;
    for (JsonNode c : now) {
      c.get("holdersByChannel")
          .properties()
          .forEach(e -> channels.merge(e.getKey(), e.getValue().asInt(), Integer::sum));
      lent = lent.add(c.get("partnerFte").decimalValue());
    }
    assertThat(channels).as("holders by channel").containsKeys("BUILD", "BUY", "REDEPLOY");
    assertThat(lent).as("partner capacity today").isPositive();
    // the strategic trades grow: more holders today than two years ago
    String from = LocalDate.now(ZoneOffset.UTC).minusYears(2).toString().substring(0, 7);
    String to = LocalDate.now(ZoneOffset.UTC).toString().substring(0, 7);
    int grew = 0;
    for (String capability :
        List.of("data.ml", "build.devops", "exp.ux_designer", "mkt.automation")) {
      JsonNode series =
          JSON.readTree(
              api.get("/capabilities/" + capability + "/series?from=" + from + "&to=" + to).body());
      if (series.get(series.size() - 1).get("holders").asInt()
          > series.get(0).get("holders").asInt()) {
        grew++;
      }
    }
    assertThat(grew)
        .as("strategic capabilities with more holders than two years ago")
        .isGreaterThanOrEqualTo(3);
    assertThat(JSON.readTree(api.get("/expiries?within=90").body()).get("items"))
        .as("credentials, agreements or qualifications ending within 90 days")
        .isNotEmpty();
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (system != null) {
      system.close();
    }
  }

  private static ChromeDriver chromium() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + Files.createTempDirectory("captrack-chromium"),
        "--window-size=1366,768");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /** A partner registered by alice, qualified by bob for {@code capabilities}, ACTIVE. */
  private static String partner(String name, String... capabilities) {
    String id =
        JSON.readTree(created(partners.post("/partners", "{\"name\":\"" + name + "\"}")))
            .get("partnerId")
            .asString();
    String round =
        JSON.readTree(
                created(
                    partners.post(
                        "/partners/" + id + "/qualifications",
                        "{\"capabilities\":[\""
                            + String.join("\",\"", capabilities)
                            + "\"],\"startedOn\":\"2025-01-01\"}")))
            .get("qualifications")
            .get(0)
            .get("qualificationId")
            .asString();
    created(
        partners
            .as("bob", "procurement")
            .post(
                "/partners/" + id + "/qualifications/" + round + "/decision",
                "{\"status\":\"QUALIFIED\",\"validFrom\":\"2025-01-01\",\"validUntil\":\"2030-12-31\"}"));
    created(
        partners.post(
            "/partners/" + id + "/status",
            "{\"status\":\"ACTIVE\",\"effectiveOn\":\"2025-01-02\"}"));
    return id;
  }

  private static void agreement(
      String partner, String capability, String fte, LocalDate from, LocalDate to) {
    created(
        partners.post(
            "/partners/" + partner + "/agreements",
            "{\"capabilities\":[\""
                + capability
                + "\"],\"capacityFte\":"
                + fte
                + ",\"effectiveFrom\":\""
                + from
                + "\""
                + (to == null ? "" : ",\"effectiveTo\":\"" + to + "\"")
                + ",\"noticeDays\":30}"));
  }

  private static String created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    return response.body();
  }

  private static JsonNode capability(String id) {
    return JSON.readTree(api.get("/capabilities/" + id).body());
  }

  /** A cell's text, read in one step (the table is redrawn as changes arrive). */
  private String cell(String capability, String field) {
    Object text =
        script(
            "const c = document.querySelector(\"#coverage-table tr[data-capability='"
                + capability
                + "'] td[data-field='"
                + field
                + "']\"); return c ? c.textContent : null;");
    return text == null ? "" : text.toString();
  }

  private Object script(String js) {
    return ((JavascriptExecutor) browser).executeScript(js);
  }

  private void screenshot(String name) throws IOException {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String fte(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  @Test
  void thePlannersDashboardShowsTheApisFiguresAndFollowsChangesLive() throws IOException {
    requireBrowser();
    String token = LocalIssuer.shared().token("dashboard-viewer", "viewer");
    browser.manage().window().setSize(new Dimension(1366, 768));
    browser.get("http://127.0.0.1:" + CaptrackSystem.port(system.api) + "/#token=" + token);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "live".equals(script("return document.body.dataset.stream")));
    for (String chart : List.of("coverage-chart", "series-chart", "expiry-chart")) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () ->
                  "true"
                      .equals(browser.findElement(By.id(chart)).getDomAttribute("data-rendered")));
      assertThat(browser.findElements(By.cssSelector("#" + chart + " canvas"))).isNotEmpty();
    }
    assertThat(browser.getCurrentUrl())
        .as("the token leaves the address bar")
        .doesNotContain("token");

    JsonNode all = JSON.readTree(api.get("/capabilities").body());
    assertThat(browser.findElements(By.cssSelector("#coverage-table tbody tr")))
        .hasSize(all.size());
    int gap = 0;
    for (JsonNode c : all) {
      String id = c.get("capabilityId").asString();
      assertThat(cell(id, "holders")).as(id).isEqualTo(c.get("holders").asString());
      assertThat(cell(id, "partnerFte")).as(id).isEqualTo(fte(c.get("partnerFte").decimalValue()));
      int missing = c.get("gap").get("headcount").asInt();
      assertThat(cell(id, "gap")).as(id).isEqualTo(missing == 0 ? "✓" : "−" + missing);
      gap += missing;
    }
    assertThat(browser.findElement(By.cssSelector("[data-testid=kpi-headcount-gap]")).getText())
        .isEqualTo(Integer.toString(gap));
    JsonNode expiring = JSON.readTree(api.get("/expiries?within=90").body());
    assertThat(browser.findElement(By.cssSelector("[data-testid=kpi-expiring-30]")).getText())
        .isEqualTo(
            Integer.toString(
                expiring.get("buckets").get("7").asInt()
                    + expiring.get("buckets").get("30").asInt()));
    screenshot("dashboard-1366x768.png");

    // live: a new agreement moves the figure on the page, without a reload
    script("window.__sameDocument = 'yes'");
    BigDecimal ux = capability(UX).get("partnerFte").decimalValue();
    agreement(partnerId, UX, "1.25", LocalDate.now(ZoneOffset.UTC).minusDays(1), null);
    String uxAfter = fte(ux.add(new BigDecimal("1.25")));
    await().atMost(Duration.ofSeconds(60)).until(() -> cell(UX, "partnerFte").equals(uxAfter));
    assertThat(script("return window.__sameDocument")).isEqualTo("yes");
    assertThat(browser.findElements(By.cssSelector("#feed li[data-capability='" + UX + "']")))
        .isNotEmpty();
    screenshot("dashboard-live.png");

    // cut: changes made while the stream is down arrive once it resumes, each once
    script("window.captrack.pause()");
    await().until(() -> "paused".equals(script("return document.body.dataset.stream")));
    List<String> before = feedIds();
    BigDecimal frontendAfter =
        capability(FRONTEND).get("partnerFte").decimalValue().add(new BigDecimal("0.5"));
    agreement(partnerId, FRONTEND, "0.5", LocalDate.now(ZoneOffset.UTC).minusDays(1), null);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                capability(FRONTEND).get("partnerFte").decimalValue().compareTo(frontendAfter)
                    == 0);
    script("window.captrack.resume()");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                feedIds().size() > before.size()
                    && cell(FRONTEND, "partnerFte").equals(fte(frontendAfter)));
    List<String> after = feedIds();
    assertThat(after).doesNotHaveDuplicates();
    assertThat(after.subList(0, after.size() - before.size()))
        .as("only the change made while cut is new")
        .allSatisfy(id -> assertThat(before).doesNotContain(id))
        .anySatisfy(id -> assertThat(id).isNotBlank());
    assertThat(script("return window.__sameDocument")).isEqualTo("yes");

    browser.manage().window().setSize(new Dimension(390, 844));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                (Long) script("return document.documentElement.scrollWidth")
                    <= (Long) script("return window.innerWidth"));
    screenshot("dashboard-phone.png");

    List<LogEntry> errors =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(errors)
        .as("console errors (a content security policy violation shows here)")
        .isEmpty();
  }

  @SuppressWarnings("unchecked")
  private List<String> feedIds() {
    return (List<String>)
        script(
            "return Array.from(document.querySelectorAll('#feed li'))"
                + ".map(li => li.dataset.eventId || '')");
  }
}
