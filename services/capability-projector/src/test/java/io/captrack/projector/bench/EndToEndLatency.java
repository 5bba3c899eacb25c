package io.captrack.projector.bench;

import static org.awaitility.Awaitility.await;

import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topics;
import io.captrack.schemas.capability.CapabilityCoverageChanged;
import io.captrack.schemas.capability.Cause;
import io.captrack.testkit.SseClient;
import io.captrack.testkit.TopicReader;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.json.JsonMapper;

/**
 * From a producer's 201 to the change event on the live stream: hires posted to talent-service at a
 * steady rate, each answered with the id of the event it recorded; capability-api's Server-Sent
 * Events stream names the events that moved each capability among its causes. A hire's latency runs
 * from its 201 arriving to the first change naming it arriving.
 */
final class EndToEndLatency {

  /**
   * @param sent hires answered 201 during the measurement
   * @param rate hires per second achieved
   * @param seen of them, how many a change on the stream named
   * @param failed hires answered otherwise, or not at all
   * @param latency from a hire's 201 to the first change naming it on the stream
   * @param stages the same, stage by stage
   * @param bySecond the same, by the second of the measurement the 201 arrived in: stalls that
   *     recur show as a pattern here
   * @param projectorBySecond the projector's stage alone, by the same seconds
   * @param cpuPerHire processor time per hire sent during the measurement, in milliseconds, by
   *     process (the projector, the services, and this JVM: the server, the broker and the sender),
   *     and the machine's cores busy on average ({@code cores busy})
   */
  record Figures(
      int sent,
      double rate,
      int seen,
      int failed,
      Latencies.Summary latency,
      Map<String, Latencies.Summary> stages,
      Map<Long, Latencies.Summary> bySecond,
      Map<Long, Latencies.Summary> projectorBySecond,
      Map<String, Double> cpuPerHire) {

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "Figures[sent=%d, rate=%.1f, seen=%d, failed=%d, latency=%s, stages=%s, cpu=%s]",
          sent,
          rate,
          seen,
          failed,
          latency,
          stages,
          cpu());
    }

    /** Processor time per hire by process, as text. */
    String cpu() {
      StringBuilder text = new StringBuilder();
      cpuPerHire.forEach(
          (process, value) ->
              text.append(text.isEmpty() ? "" : ", ")
                  .append(process)
                  .append(' ')
                  .append(
                      process.equals(CORES_BUSY)
                          ? String.format(Locale.ROOT, "%.2f", value)
                          : String.format(Locale.ROOT, "%.2f ms", value)));
      return text.toString();
    }

    /** One line per second of the measurement: its hires' latencies. */
    List<String> timeline() {
      List<String> lines = new ArrayList<>();
      lines.add(
          "# second of the measurement, its hires' latency from 201 to the stream | of which the"
              + " projector's stage");
      bySecond.forEach(
          (second, summary) ->
              lines.add(second + " " + summary + " | " + projectorBySecond.get(second)));
      return lines;
    }
  }

  static final String CORES_BUSY = "cores busy";

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final CloudEventCodec CODEC = new CloudEventCodec();

  private final BenchServices services;
  private final Supplier<Duration> projector;
  private final String bootstrapServers;
  private final List<String> capabilities;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * Hires in flight, each waiting for its answer in a thread of this pool. The measuring client
   * shares the machine with what it measures: {@code sendAsync} handed every answer to a thread of
   * its own (CompletableFuture's default on 2 cores), 1,582 thread starts in 25 s at 200 hires/s.
   */
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          256,
          r -> {
            Thread t = new Thread(r, "e2e-sender");
            t.setDaemon(true);
            return t;
          });

  private final Map<String, Long> answered = new ConcurrentHashMap<>();
  private final Map<String, Long> streamed = new ConcurrentHashMap<>();
  private final AtomicInteger failed = new AtomicInteger();
  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicInteger hires = new AtomicInteger();
  private final AtomicInteger unreadable = new AtomicInteger();

  /**
   * @param projector the projector's processor time so far
   */
  EndToEndLatency(
      BenchServices services,
      Supplier<Duration> projector,
      String bootstrapServers,
      List<String> capabilities) {
    this.services = services;
    this.projector = projector;
    this.bootstrapServers = bootstrapServers;
    this.capabilities = capabilities;
  }

  /**
   * Hires at {@code perSecond}: for {@code warmUp} unmeasured (talent-service has just started and
   * its compilers are busy), then for {@code length} measured.
   */
  Figures measure(int perSecond, Duration warmUp, Duration length) throws Exception {
    try (SseClient stream =
        SseClient.connect(
            "http://127.0.0.1:" + services.apiPort + "/capabilities/changes",
            Map.of("Authorization", BenchToken.AUTHORIZATION),
            this::arrived)) {
      warmUp();
      if (!warmUp.isZero()) {
        send(perSecond, warmUp);
        await("answers to the warm-up's hires")
            .atMost(Duration.ofSeconds(60))
            .until(() -> answered.size() + failed.get() >= hires.get() - warm);
        ProjectorBenchmark.print(
            "end to end: warm-up of %d s over, %d hires, %d failed",
            warmUp.toSeconds(), answered.size(), failed.get());
        answered.clear();
        failed.set(0);
        warm = hires.get();
      }
      long started = System.nanoTime();
      long startedAt = System.currentTimeMillis();
      Map<String, Duration> cpuBefore = cpu();
      int hiresBefore = hires.get();
      send(perSecond, length);
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<String, Double> cpuPerHire =
          perHire(cpuBefore, cpu(), hires.get() - hiresBefore, seconds);
      ProjectorBenchmark.print(
          "end to end: sending over; talent-service's outbox: %s",
          outboxBacklog(services.talentPort));
      // the last answers arrive after the last send
      await("answers to the last hires")
          .atMost(Duration.ofSeconds(30))
          .until(() -> answered.size() + failed.get() >= hires.get() - warm);
      senders.shutdown();
      try {
        await("every hire on the stream")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> streamed.keySet().containsAll(answered.keySet()));
      } catch (ConditionTimeoutException e) {
        // reported as fewer seen than sent
      }
      Latencies latencies = new Latencies();
      Map<Long, Latencies> bySecond = new TreeMap<>();
      int seen = 0;
      for (Map.Entry<String, Long> a : answered.entrySet()) {
        Long s = streamed.get(a.getKey());
        if (s != null) {
          seen++;
          long ms = Math.max(0, s - a.getValue());
          latencies.addMillis(ms);
          bySecond
              .computeIfAbsent((a.getValue() - startedAt) / 1000, x -> new Latencies())
              .addMillis(ms);
        }
      }
      Map<Long, Latencies.Summary> timeline = new TreeMap<>();
      bySecond.forEach((second, l) -> timeline.put(second, l.summary()));
      Map<Long, Latencies> projectorBySecond = new TreeMap<>();
      Map<String, Latencies.Summary> stages = stages(startedAt, projectorBySecond);
      Map<Long, Latencies.Summary> projectorTimeline = new TreeMap<>();
      projectorBySecond.forEach((second, l) -> projectorTimeline.put(second, l.summary()));
      return new Figures(
          answered.size(),
          answered.size() / seconds,
          seen,
          failed.get(),
          latencies.summary(),
          stages,
          timeline,
          projectorTimeline,
          cpuPerHire);
    }
  }

  /** Hires at a steady rate for a while, each answered in a thread of {@link #senders}. */
  private void send(int perSecond, Duration length) throws InterruptedException {
    ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
    producer.scheduleAtFixedRate(
        this::hireAsync, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
    producer.schedule(producer::shutdown, length.toNanos(), TimeUnit.NANOSECONDS);
    if (!producer.awaitTermination(length.toSeconds() + 30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the producer did not stop");
    }
  }

  /** Processor time so far of every process of the run: the services, the projector, this JVM. */
  private Map<String, Duration> cpu() {
    Map<String, Duration> cpu = new LinkedHashMap<>(services.cpu());
    cpu.put("projector", projector.get());
    cpu.put(
        "server, broker and sender (this JVM)",
        Duration.ofNanos(
            ((com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime()));
    return cpu;
  }

  /** Milliseconds of processor per hire by process, and the cores all of them kept busy. */
  private static Map<String, Double> perHire(
      Map<String, Duration> before, Map<String, Duration> after, int hires, double seconds) {
    Map<String, Double> perHire = new LinkedHashMap<>();
    double total = 0;
    for (var e : after.entrySet()) {
      double ms = e.getValue().minus(before.get(e.getKey())).toNanos() / 1e6;
      total += ms;
      perHire.put(e.getKey(), ms / Math.max(1, hires));
    }
    perHire.put(CORES_BUSY, total / 1000 / seconds);
    return perHire;
  }

  /**
   * Where the time went, from the records' timestamps (the broker's clock is this machine's): the
   * producer's outbox relay (201 to its record on {@code talent.events}), the projector (to the
   * change naming the hire on {@code capability.changes}) and capability-api (to the stream).
   */
  private Map<String, Latencies.Summary> stages(
      long since, Map<Long, Latencies> projectorBySecond) {
    Map<String, Long> published = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicReader.readSince(bootstrapServers, Topics.TALENT_EVENTS.name(), since)) {
      published.put(CODEC.decode(r).id(), r.timestamp());
    }
    Map<String, Long> changed = new HashMap<>();
    for (ConsumerRecord<String, byte[]> r :
        TopicReader.readSince(bootstrapServers, Topics.CAPABILITY_CHANGES.name(), since)) {
      if (CODEC.decode(r).data() instanceof CapabilityCoverageChanged change) {
        change.causes().forEach(c -> changed.putIfAbsent(c.eventId(), r.timestamp()));
      }
    }
    Latencies relay = new Latencies();
    Latencies projector = new Latencies();
    Latencies api = new Latencies();
    answered.forEach(
        (id, at) -> {
          Long p = published.get(id);
          Long c = changed.get(id);
          Long s = streamed.get(id);
          if (p != null && c != null && s != null) {
            relay.addMillis(Math.max(0, p - at));
            projector.addMillis(Math.max(0, c - p));
            projectorBySecond
                .computeIfAbsent((at - since) / 1000, x -> new Latencies())
                .addMillis(Math.max(0, c - p));
            api.addMillis(Math.max(0, s - c));
          }
        });
    Map<String, Latencies.Summary> stages = new LinkedHashMap<>();
    stages.put("talent-service's outbox relay", relay.summary());
    stages.put("projector", projector.summary());
    stages.put("capability-api's stream", api.summary());
    return stages;
  }

  private int warm;

  /**
   * One hire a second until the stream names one: the stream's consumer starts at the topic's end
   * and may not be assigned yet when the first hires are projected.
   */
  private void warmUp() {
    List<String> ids = new ArrayList<>();
    await("a hire on the live stream")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              ids.add(hire());
              return ids.stream().anyMatch(streamed::containsKey);
            });
    warm = hires.get();
  }

  /** The relay's backlog as the service's metrics give it. */
  private String outboxBacklog(int port) throws Exception {
    return http.send(BenchToken.actuator(port, "prometheus"), HttpResponse.BodyHandlers.ofString())
        .body()
        .lines()
        .filter(l -> l.startsWith("captrack_outbox_"))
        .toList()
        .toString();
  }

  private void arrived(SseClient.Event event) {
    long now = System.currentTimeMillis();
    if (!EventTypes.CAPABILITY_COVERAGE_CHANGED.name().equals(event.name())) {
      return; // gaps opening and closing share the stream
    }
    try {
      CapabilityCoverageChanged change =
          JSON.readValue(event.data(), CapabilityCoverageChanged.class);
      for (Cause cause : change.causes()) {
        streamed.putIfAbsent(cause.eventId(), now);
      }
    } catch (RuntimeException e) {
      if (unreadable.getAndIncrement() == 0) {
        ProjectorBenchmark.print("unreadable change on the stream: %s in %s", e, event.data());
      }
    }
  }

  /** A hire posted and answered; its event id. */
  private String hire() throws Exception {
    HttpResponse<String> response = http.send(request(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "hire answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body()).get("eventId").asString();
  }

  private void hireAsync() {
    HttpRequest request = request();
    senders.execute(
        () -> {
          try {
            HttpResponse<String> response =
                http.send(request, HttpResponse.BodyHandlers.ofString());
            long now = System.currentTimeMillis();
            if (response.statusCode() != 201) {
              failed.incrementAndGet();
            } else {
              answered.put(JSON.readTree(response.body()).get("eventId").asString(), now);
            }
          } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
          } catch (InterruptedException e) {
            failed.incrementAndGet();
            Thread.currentThread().interrupt();
          }
        });
  }

  private HttpRequest request() {
    int n = hires.getAndIncrement();
    String body =
        """
        {"hrId":"E2E-%s-%d","capabilities":[{"capabilityId":"%s","level":3}],
         "startDate":"%s","hireType":"PERMANENT"}
        """
            .formatted(
                run, n, capabilities.get(n % capabilities.size()), LocalDate.now(ZoneOffset.UTC));
    return BenchToken.request(services.talentPort, "/hires")
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
