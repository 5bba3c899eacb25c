package io.captrack.projector.bench;

import io.captrack.testkit.ServerTimes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The targets of RESULTS.md: each as this run measured it, met or missed and by how much, then, for
 * the ones missed, what the run's own measurements say about where the time went.
 */
final class BenchTargets {

  /** The projector's rate at least this many times the sink connector's, recent load. */
  static final double SINK = 1.0;

  /** The projector's rate at least this many times the raw ceiling's, recent load. */
  static final double RAW_RECENT = 0.7;

  /** The projector's rate at least this many times the raw ceiling's, back-dated load. */
  static final double RAW_BACK_DATED = 0.4;

  /** The projector's rate at least this many times the naive projector's, each load. */
  static final double NAIVE = 10;

  /** The projector's heap in use at most this many MiB, with no OutOfMemoryError. */
  static final long HEAP_MIB = 512;

  /** A rebuild of the whole log into a new generation within this many seconds. */
  static final double REBUILD_SECONDS = 90;

  /** End-to-end latency p99 at most this many ms, hires at 200/s. */
  static final double END_TO_END_P99 = 250;

  /** Each query's p99 at most this many ms on the loaded read model. */
  static final double QUERY_P99 = 50;

  /** One target as this run measured it. */
  record Verdict(String target, String measured, boolean met, String margin) {}

  private BenchTargets() {}

  /** Every target the run measured, in the order of the issue that set them. */
  static List<Verdict> verdicts(List<BenchRun> runs) {
    List<Verdict> verdicts = new ArrayList<>();
    for (BenchRun r : runs) {
      String load = r.load().name();
      boolean recent = load.equals("recent");
      if (recent) {
        verdicts.add(
            atLeast(load + ": projector / sink connector", r.projectorRate() / r.sinkRate(), SINK));
      }
      verdicts.add(
          atLeast(
              load + ": projector / raw ceiling",
              r.projectorRate() / r.raw(),
              recent ? RAW_RECENT : RAW_BACK_DATED));
      verdicts.add(
          atLeast(load + ": projector / naive projector", r.projectorRate() / r.naive(), NAIVE));
      long heapMib = r.peakHeap() >> 20;
      verdicts.add(
          new Verdict(
              String.format(
                  Locale.ROOT,
                  "%s: projector's peak heap at most %,d MiB, no OutOfMemoryError",
                  load,
                  HEAP_MIB),
              String.format(Locale.ROOT, "%,d MiB%s", heapMib, r.outOfMemory() ? ", ran out" : ""),
              heapMib <= HEAP_MIB && !r.outOfMemory(),
              r.outOfMemory()
                  ? "ran out of memory"
                  : String.format(Locale.ROOT, "%,d MiB to spare", HEAP_MIB - heapMib)));
      if (r.rebuildSeconds() != -1) {
        verdicts.add(
            atMost(
                "rebuild of the whole log (%,d records), seconds".formatted(r.rebuilt()),
                Math.abs(r.rebuildSeconds()),
                REBUILD_SECONDS));
      }
      if (r.live() != null) {
        verdicts.add(
            atMost(
                "end to end (200 hires/s), p99 ms",
                r.live().endToEnd().latency().p99(),
                END_TO_END_P99));
        queries(r)
            .forEach(
                (query, summary) ->
                    verdicts.add(atMost("`" + query + "`, p99 ms", summary.p99(), QUERY_P99)));
      }
    }
    return verdicts;
  }

  /** The queries of capability-api that were measured, without the server's own baseline. */
  private static Map<String, Latencies.Summary> queries(BenchRun r) {
    Map<String, Latencies.Summary> queries = new LinkedHashMap<>(r.live().queries());
    queries.keySet().removeIf(query -> query.startsWith("baseline"));
    return queries;
  }

  private static Verdict atLeast(String target, double measured, double least) {
    boolean met = measured >= least;
    return new Verdict(
        String.format(Locale.ROOT, "%s at least %.1f x", target, least),
        String.format(Locale.ROOT, "%.2f x", measured),
        met,
        met
            ? String.format(Locale.ROOT, "%.0f%% above", 100 * (measured / least - 1))
            : String.format(
                Locale.ROOT,
                "%.0f%% short: the projector would need %.2f times its rate",
                100 * (1 - measured / least),
                least / measured));
  }

  private static Verdict atMost(String target, double measured, double most) {
    boolean met = measured <= most;
    return new Verdict(
        String.format(Locale.ROOT, "%s at most %,.0f", target, most),
        String.format(Locale.ROOT, "%,.1f", measured),
        met,
        met
            ? String.format(Locale.ROOT, "%.0f%% under", 100 * (1 - measured / most))
            : String.format(
                Locale.ROOT,
                "%.0f%% over (%.2f times the limit)",
                100 * (measured / most - 1),
                measured / most));
  }

  /** The section of RESULTS.md: the verdicts, then why the missed ones miss. */
  static String markdown(List<BenchRun> runs) {
    List<Verdict> verdicts = verdicts(runs);
    StringBuilder md = new StringBuilder("## Targets\n\n");
    md.append(
        "In this one run; a target counts as met only when it is met in two runs of the same code"
            + " (see README.md next to this file).\n\n");
    md.append("| target | this run | verdict |\n|---|---|---|\n");
    verdicts.forEach(
        v ->
            md.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %s | %s, %s |%n",
                    v.target(),
                    v.measured(),
                    v.met() ? "met" : "**missed**",
                    v.margin())));
    List<String> why = why(runs, verdicts);
    if (!why.isEmpty()) {
      md.append("\nWhere the time of the missed ones went, by this run's own measurements:\n\n");
      why.forEach(line -> md.append("- ").append(line).append('\n'));
    }
    return md.append('\n').toString();
  }

  private static List<String> why(List<BenchRun> runs, List<Verdict> verdicts) {
    List<String> why = new ArrayList<>();
    for (BenchRun r : runs) {
      String load = r.load().name();
      boolean throughput =
          verdicts.stream()
              .anyMatch(v -> !v.met() && v.target().startsWith(load + ": projector /"));
      if (throughput && r.catchUp() != null) {
        why.add(catchUp(r));
      }
      if (missed(verdicts, load + ": projector / sink connector")) {
        why.add(
            String.format(
                Locale.ROOT,
                "%s: the sink connector writes each record as a new document (an insert; nothing"
                    + " read, nothing derived) at %,.0f events/s, %.2f x this run's raw ceiling,"
                    + " whose every event updates the document it belongs to",
                load,
                r.sinkRate(),
                r.sinkRate() / r.raw()));
        if (!r.largest().isEmpty()) {
          why.add(documents(r));
        }
        String server = serverBound(r);
        if (server != null) {
          why.add(server);
        }
        String processor = processorBound(r);
        if (processor != null) {
          why.add(processor);
        }
      }
      if (r.rebuildSeconds() != -1 && Math.abs(r.rebuildSeconds()) > REBUILD_SECONDS) {
        double seconds = Math.abs(r.rebuildSeconds());
        double needed = r.rebuilt() / REBUILD_SECONDS;
        why.add(
            String.format(
                    Locale.ROOT,
                    "rebuild: %,d records at %,.0f events/s (%.0f s), beside the same queries one after"
                        + " the other; %.0f s takes %,.0f events/s, %.1f x this run's raw ceiling and"
                        + " %.1f x the projector's own catch-up",
                    r.rebuilt(),
                    r.rebuilt() / seconds,
                    seconds,
                    REBUILD_SECONDS,
                    needed,
                    needed / r.raw(),
                    needed / r.projectorRate())
                + (r.largest().isEmpty()
                    ? ""
                    : String.format(
                        Locale.ROOT,
                        "; writing the read model's %,d documents once each, at the sink"
                            + " connector's rate of one new document per record, would alone take"
                            + " %.0f s",
                        documents(r.largest()),
                        documents(r.largest()) / r.sinkRate()))
                + rebuildFloor(r));
      }
      if (r.live() != null && r.live().endToEnd().latency().p99() > END_TO_END_P99) {
        EndToEndLatency.Figures e2e = r.live().endToEnd();
        why.add(
            String.format(
                Locale.ROOT,
                "end to end: p99 by stage %s; processor time per hire %s",
                e2e.stages().entrySet().stream()
                    .map(
                        e ->
                            String.format(
                                Locale.ROOT, "%s %.0f ms", e.getKey(), e.getValue().p99()))
                    .collect(Collectors.joining(", ")),
                e2e.cpu()));
      }
      if (r.live() != null && queries(r).values().stream().anyMatch(q -> q.p99() > QUERY_P99)) {
        why.add("queries: answers over 50 ms " + r.live().ownClock());
      }
    }
    return why;
  }

  /**
   * How many documents the projector's read model holds after the load against the records it took:
   * the sink connector writes one per record, so a projector that writes more documents than it
   * receives records cannot outrun it on a server whose cost is per document.
   */
  private static String documents(BenchRun r) {
    long documents = documents(r.largest());
    return String.format(
        Locale.ROOT,
        "%s: the projector's read model holds %,d documents after the load, %.2f per record (the"
            + " sink connector writes 1): %s; at the sink connector's cost per document, writing"
            + " each of them once, nothing read, caps the projector at %.2f x its rate",
        r.load().name(),
        documents,
        (double) documents / r.size(),
        r.largest().entrySet().stream()
            .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]))
            .limit(3)
            .map(e -> String.format(Locale.ROOT, "`%s` %,d", e.getKey(), e.getValue()[0]))
            .collect(Collectors.joining(", ")),
        r.size() / (double) documents);
  }

  /**
   * The server's own time for each contender's commands, measured: the projector sends one command
   * at a time from its batch thread, so what the server spends on its commands is a floor under its
   * catch-up, whatever it derives and however fast its Kafka client; null when not measured.
   */
  static String serverBound(BenchRun r) {
    double projector = r.serverSeconds(BenchRun.CATCH_UP_PHASE);
    double sink = r.serverSeconds(BenchRun.SINK_PHASE);
    if (projector <= 0 || sink <= 0 || r.sink().isEmpty()) {
      return null;
    }
    double sinkRun = Progress.seconds(r.sink());
    return String.format(
        Locale.ROOT,
        "%s: the server's own time (its commands summed, waits for a collection's lock included):"
            + " %.1f s for the projector's catch-up, %.1f s for the sink connector's whole run of"
            + " %.0f s; the projector sends one command at a time, so the server's time alone,"
            + " with nothing derived, no Kafka and no collector, caps it at %.2f x the sink"
            + " connector",
        r.load().name(),
        projector,
        sink,
        sinkRun,
        sinkRun / projector);
  }

  /**
   * The processor time of every process of the machine per record, the sink connector's run against
   * the projector's catch-up: with every core busy all the time at its own cost per record, the
   * projector could reach at most {@link Processor#cap}, however its work were spread over threads
   * or processes; null when either was not measured.
   */
  static String processorBound(BenchRun r) {
    Processor sink = r.processor().get(BenchRun.SINK_PHASE);
    Processor projector = r.processor().get(BenchRun.CATCH_UP_PHASE);
    if (sink == null || projector == null) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "%s: processor time of every process, the server's and the broker's included: the sink"
            + " connector's run %.0f ms per 1,000 records (%s; %.2f of %d cores busy), the"
            + " projector's catch-up %.0f ms per 1,000 records (%s; %.2f of %d cores busy), %.1f"
            + " times the sink connector's; at that cost per record, every core busy all the time"
            + " caps the projector at %,.0f events/s, %.2f x the sink connector's rate",
        r.load().name(),
        sink.perThousand(),
        sink.byProcess(),
        sink.coresBusy(),
        sink.cores(),
        projector.perThousand(),
        projector.byProcess(),
        projector.coresBusy(),
        projector.cores(),
        projector.perThousand() / sink.perThousand(),
        projector.cap(),
        projector.cap() / r.sinkRate());
  }

  /**
   * What the rebuild's processor time per record, every process together (the queries beside it
   * included), makes of the whole log with every core busy all the time; empty when not measured.
   */
  private static String rebuildFloor(BenchRun r) {
    Processor rebuild = r.processor().get(BenchRun.REBUILD_PHASE);
    if (rebuild == null) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "; processor time during the rebuild, every process: %.0f ms per 1,000 records (%s; %.2f"
            + " of %d cores busy), so that the whole log takes at least %.0f s with every core busy"
            + " all the time",
        rebuild.perThousand(),
        rebuild.byProcess(),
        rebuild.coresBusy(),
        rebuild.cores(),
        rebuild.floorSeconds(r.rebuilt()));
  }

  private static long documents(Map<String, long[]> largest) {
    return largest.values().stream().mapToLong(c -> c[0]).sum();
  }

  private static boolean missed(List<Verdict> verdicts, String prefix) {
    return verdicts.stream().anyMatch(v -> !v.met() && v.target().startsWith(prefix));
  }

  private static String catchUp(BenchRun r) {
    BenchRun.CatchUp c = r.catchUp();
    double seconds = Progress.seconds(r.projector());
    List<ServerTimes.Entry> server =
        r.serverTimes().getOrDefault(BenchRun.CATCH_UP_PHASE, List.of());
    return String.format(
        Locale.ROOT,
        "%s: the projector's catch-up took %.0f s; its batches' steps (the server's time"
            + " included): %s; its collector paused it %,d times, %.1f s in all (%.0f%% of the"
            + " catch-up)%s",
        r.load().name(),
        seconds,
        c.steps().entrySet().stream()
            .limit(6)
            .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", ")),
        c.pauses(),
        c.pauseSeconds(),
        100 * c.pauseSeconds() / seconds,
        server.isEmpty()
            ? ""
            : "; the server's longest commands: "
                + server.stream()
                    .limit(3)
                    .map(e -> "`" + e + "`")
                    .collect(Collectors.joining(", ")));
  }

  /**
   * Seconds in each step of the projector's batches, from a scrape of its Prometheus endpoint,
   * longest first.
   */
  static Map<String, Double> steps(String prometheus) {
    Map<String, Double> steps = new LinkedHashMap<>();
    Matcher m = STEP.matcher(prometheus);
    while (m.find()) {
      steps.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    return steps.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static final Pattern STEP =
      Pattern.compile(
          "^captrack_projector_batch_step_seconds_sum\\{[^}]*step=\"([^\"]+)\"[^}]*} (\\S+)$",
          Pattern.MULTILINE);
}
