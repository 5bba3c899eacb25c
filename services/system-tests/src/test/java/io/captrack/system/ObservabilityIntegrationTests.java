package io.captrack.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.logging.Correlation;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an operator sees from outside: every metric and label the Grafana dashboard of {@code
 * deploy/grafana/captrack.json} queries exists on the running services, the projector's lag per
 * partition among them; and the JSON logs follow one event by its CloudEvents id from the
 * producer's command through its outbox relay to the projector.
 */
class ObservabilityIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final Path DASHBOARD = Path.of("..", "..", "deploy", "grafana", "captrack.json");
  private static final Path LOGS = Path.of("target", "observability");
  private static final Path LOG_FILE = LOGS.resolve("captrack.json.log");

  /** PromQL words that are not metric names. */
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring");

  private static CaptrackSystem system;

  @BeforeAll
  static void start() {
    FileSystemUtils.deleteRecursively(LOGS.toFile());
    TestInfrastructure infra = TestInfrastructure.shared();
    Map<String, Object> more = new HashMap<>();
    // as deployed (LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs), written to a file the test can read
    more.put("logging.structured.format.file", "ecs");
    more.put("logging.file.name", LOG_FILE.toString());
    // the relay's and the projector's line per event
    more.put("logging.level.io.captrack.platform.outbox", "DEBUG");
    more.put("logging.level.io.captrack.projector.coverage.CoverageProjector", "DEBUG");
    more.put("captrack.projector.lag-interval", "500ms");
    system = new CaptrackSystem(infra.bootstrapServers(), infra.mongoUri(), Map.of(), more);
  }

  @AfterAll
  static void stop() {
    system.close();
  }

  @Test
  void everyMetricTheDashboardQueriesExistsOnARunningService() throws IOException {
    String eventId = hire("HR-O1");
    HttpJson api = CaptrackSystem.http(system.api).as("pat", "viewer");
    await("the hire applied")
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                JSON.readTree(api.get("/capabilities/data.ml").body()).get("holders").asInt() >= 1);
    assertThat(eventId).isNotBlank();

    // the lag gauges are read every 500 ms: every source partition, at zero once applied
    await("the projector's lag per partition at zero")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Map<String, List<Map<String, String>>> projector = scrape(system.projector);
              List<Map<String, String>> lag =
                  projector.getOrDefault("captrack_projector_consumer_lag_records", List.of());
              for (Topic topic : Topics.SOURCES) {
                for (int p = 0; p < topic.partitions(); p++) {
                  String partition = Integer.toString(p);
                  assertThat(lag)
                      .as("lag of " + topic.name() + "-" + p)
                      .anySatisfy(
                          labels -> {
                            assertThat(labels)
                                .containsEntry("topic", topic.name())
                                .containsEntry("partition", partition)
                                .containsEntry("generation", "live")
                                .containsEntry("value", "0.0");
                          });
                }
              }
            });

    Map<String, List<Map<String, String>>> all = new HashMap<>();
    for (ConfigurableApplicationContext service :
        List.of(system.partner, system.talent, system.learning, system.projector, system.api)) {
      scrape(service)
          .forEach(
              (name, samples) -> all.computeIfAbsent(name, n -> new ArrayList<>()).addAll(samples));
    }
    // requests are timed once each, not once per security filter (management.observations)
    assertThat(all).containsKey("http_server_requests_seconds_count");
    assertThat(all.keySet()).noneMatch(name -> name.startsWith("spring_security_"));
    List<String> expressions = expressions(JSON.readTree(DASHBOARD.toFile()));
    assertThat(expressions).hasSizeGreaterThan(15);
    List<String> missing = new ArrayList<>();
    for (String expr : expressions) {
      Set<String> metrics = metricNames(expr);
      assertThat(metrics).as("metrics in " + expr).isNotEmpty();
      for (String metric : metrics) {
        if (!all.containsKey(metric)) {
          missing.add(metric + " (in " + expr + ")");
        }
      }
      for (String label : labelNames(expr)) {
        boolean present =
            metrics.stream()
                .flatMap(m -> all.getOrDefault(m, List.of()).stream())
                .anyMatch(labels -> labels.containsKey(label));
        if (!present) {
          missing.add("label " + label + " on " + metrics + " (in " + expr + ")");
        }
      }
    }
    assertThat(missing)
        .as("queried by deploy/grafana/captrack.json, absent from every service")
        .isEmpty();

    for (var producer :
        Map.of(
                "partner-service",
                system.partner,
                "talent-service",
                system.talent,
                "learning-service",
                system.learning)
            .entrySet()) {
      Map<String, List<Map<String, String>>> metrics = scrape(producer.getValue());
      for (String name :
          List.of("captrack_outbox_pending", "captrack_outbox_oldest_pending_age_seconds")) {
        assertThat(metrics.get(name))
            .as(name + " on " + producer.getKey())
            .anySatisfy(l -> assertThat(l).containsEntry("application", producer.getKey()));
      }
    }
    List<Map<String, String>> deadLetters =
        scrape(system.projector).get("captrack_projector_dead_letters_total");
    for (Topic topic : Topics.SOURCES) {
      assertThat(deadLetters)
          .as("dead letters of " + topic.name() + " counted from zero")
          .anySatisfy(l -> assertThat(l).containsEntry("topic", topic.name()));
    }
  }

  @Test
  void oneEventIsFollowedByItsIdFromTheCommandToTheProjector() throws IOException {
    String eventId = hire("HR-O2");
    await("the hire's lines in the JSON log")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<JsonNode> lines = linesOf(eventId);
              assertThat(lines)
                  .as("recorded by talent-service")
                  .anySatisfy(
                      l -> {
                        assertThat(l.get("log").get("logger").asString())
                            .endsWith(".outbox.Outbox");
                        assertThat(l.get("message").asString())
                            .startsWith("recorded captrack.talent.hired.");
                      });
              assertThat(lines)
                  .as("published by its relay")
                  .anySatisfy(
                      l -> {
                        assertThat(l.get("log").get("logger").asString())
                            .endsWith(".outbox.OutboxRelay");
                        assertThat(l.get("message").asString())
                            .startsWith("published to talent.events-");
                      });
              assertThat(lines)
                  .as("applied by the projector")
                  .anySatisfy(
                      l -> {
                        assertThat(l.get("log").get("logger").asString())
                            .startsWith("io.captrack.projector.");
                        assertThat(l.get("message").asString())
                            .startsWith("applied talent.events-");
                      });
              assertThat(lines)
                  .allSatisfy(
                      l -> {
                        assertThat(l.get(Correlation.EVENT_TYPE).asString())
                            .startsWith("captrack.talent.hired.");
                        assertThat(l.has("@timestamp")).isTrue();
                        assertThat(l.get("log").has("level")).isTrue();
                      });
            });
  }

  /** Hires someone at talent-service; returns the CloudEvents id of the TalentHired recorded. */
  private static String hire(String hrId) {
    var response =
        CaptrackSystem.http(system.talent)
            .as("harriet", "hr")
            .post(
                "/hires",
                """
                {"hrId":"%s","capabilities":[{"capabilityId":"data.ml","level":3}],
                 "startDate":"2026-02-01","hireType":"PERMANENT"}
                """
                    .formatted(hrId));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("eventId").asString();
  }

  /** The JSON lines of the log file that carry {@code eventId} as their correlation id. */
  private static List<JsonNode> linesOf(String eventId) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    for (String line : Files.readAllLines(LOG_FILE)) {
      if (line.contains(eventId)) {
        JsonNode json = JSON.readTree(line);
        if (eventId.equals(json.path(Correlation.EVENT_ID).asString(null))) {
          found.add(json);
        }
      }
    }
    return found;
  }

  /** Sample name to the labels of each of its samples (plus {@code value}), from Prometheus. */
  private static Map<String, List<Map<String, String>>> scrape(
      ConfigurableApplicationContext service) {
    var response = CaptrackSystem.http(service).as("olga", "operator").get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    Map<String, List<Map<String, String>>> samples = new LinkedHashMap<>();
    Pattern label = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    for (String line : response.body().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.indexOf(' ');
      String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
      Map<String, String> labels = new HashMap<>();
      if (brace >= 0 && brace < space) {
        int close = line.lastIndexOf('}');
        Matcher m = label.matcher(line.substring(brace + 1, close));
        while (m.find()) {
          labels.put(m.group(1), m.group(2));
        }
        labels.put("value", line.substring(close + 1).trim().split(" ")[0]);
      } else {
        labels.put("value", line.substring(space + 1).trim().split(" ")[0]);
      }
      samples.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
    }
    return samples;
  }

  private static List<String> expressions(JsonNode dashboard) {
    List<String> found = new ArrayList<>();
    for (JsonNode panel : dashboard.get("panels")) {
      for (JsonNode target : panel.path("targets")) {
        found.add(target.get("expr").asString());
      }
    }
    return found;
  }

  /** The metric names of a PromQL expression: identifiers that are not functions or keywords. */
  static Set<String> metricNames(String expr) {
    String e = expr.replaceAll("\"[^\"]*\"", "\"\"");
    e = e.replaceAll("\\{[^}]*}", " ");
    e = e.replaceAll("\\[[^]]*]", " ");
    e = e.replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()").matcher(e);
    while (m.find()) {
      if (!KEYWORDS.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The label names an expression matches on or groups by. */
  static Set<String> labelNames(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher matchers = Pattern.compile("\\{([^}]*)}").matcher(expr);
    while (matchers.find()) {
      Matcher l = Pattern.compile("(\\w+)\\s*(=~|!~|!=|=)").matcher(matchers.group(1));
      while (l.find()) {
        names.add(l.group(1));
      }
    }
    Matcher grouping = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)").matcher(expr);
    while (grouping.find()) {
      for (String label : grouping.group(1).split(",")) {
        if (!label.isBlank()) {
          names.add(label.trim());
        }
      }
    }
    return names;
  }
}
