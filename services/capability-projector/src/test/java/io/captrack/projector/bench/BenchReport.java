package io.captrack.projector.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** RESULTS.md: the machine, each load's figures side by side, and the targets as ratios. */
final class BenchReport {

  private final String infra;
  private final int maxPoll;
  private final String heap;

  BenchReport(String infra, int maxPoll, String heap) {
    this.infra = infra;
    this.maxPoll = maxPoll;
    this.heap = heap;
  }

  String markdown(List<BenchRun> runs, double[] cost, double minutes) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            """
            # Projector benchmark

            Written by `deploy/benchmark.sh` (class `ProjectorBenchmark` in this module's test sources) on %s,
            in %.1f minutes.

            ## Machine

            - %s, %d cores seen by the JVM, %s %s
            - Java %s for the projector, the naive projector, the services and the sink connector; the
              benchmark's own JVM (MongoDB server, Kafka broker, raw ceiling): Java %s (%s), %s
            - Kafka: %s infrastructure (one broker, 3 partitions per topic); MongoDB: %s, one server for
              every contender
            - the projector in a JVM of its own with `-Xmx%s`, batches of up to %,d records; the naive
              projector likewise, in a JVM of its own with the same heap; the sink connector's task in a
              JVM of its own; the raw ceiling in the benchmark's JVM
            - collector of the projector's, the naive projector's, the services' and the sink
              connector's JVMs: %s

            """,
            LocalDate.now(),
            minutes,
            cpu(),
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name"),
            System.getProperty("os.version"),
            ChildJvm.JAVA_VERSION,
            System.getProperty("java.version"),
            System.getProperty("java.vm.name"),
            collector(),
            infra,
            infra.equals("embedded") ? "mongo-java-server, in memory" : "mongo:8.0 container",
            heap,
            maxPoll,
            ChildJvm.COLLECTOR.equals("default")
                ? "the JVM's own choice"
                : "`" + ChildJvm.COLLECTOR + "`"));
    md.append(BenchTargets.markdown(runs));
    for (BenchRun r : runs) {
      md.append(load(r));
    }
    md.append(
        String.format(
            Locale.ROOT,
            """
            ## Incremental derivation

            One more event derived by the projector's own code for each record
            (`PersonHistory.addWithChanges`: the capabilities and days it can change, before and
            after): median %.1f us for a person with 5,000 events already (an assessment on a random
            day of ten years), %.1f us for a new person (%.1f x), measured last in the run, after
            36,000 of each unmeasured. A void of one of that person's assessments: median %.1f us,
            against %.1f us for a void of a new person's assessment (%.1f x). Loading is not in it:
            the projector keeps recent histories in memory.

            Chart: `throughput.svg` (events per second over 5-second windows, projector and sink
            connector, both loads).
            """,
            cost[0],
            cost[1],
            cost[0] / cost[1],
            cost[2],
            cost[3],
            cost[2] / cost[3]));
    return md.toString();
  }

  private String load(BenchRun r) {
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            """
            ## %s load

            %,d events: %,d people over ten years (hires, yearly assessments, trainings, credentials with
            renewals, leavers and returns) and %,d partners (%.1f%% of the events: registrations,
            qualification rounds, status changes, agreements, amendments, renewals, terminations), %s,
            sent in recorded order (produced in %.0f s).

            | contender | events/s | projector / it |
            |---|---|---|
            | raw ceiling: unordered bulk upserts (1000 per bulk) of each event into its owner's document, no Kafka | %,.0f | **%.2f x** |
            | MongoDB Kafka sink connector 2.0.1, default write model (one document per record) | %,.0f | **%.2f x** |
            | captrack projector | %,.0f | 1 |
            | naive projector: the projector's code one record at a time (the first %,d records in %d rounds, each into a fresh database: %s events/s; after the same %,d unmeasured) | %,.0f | **%.1f x** |

            - projector peak heap: %,d MiB of %s%s
            """,
            r.load().name(),
            r.size(),
            r.load().people(),
            r.load().partners(),
            100 * r.load().partnerShare(),
            r.load().name().equals("recent")
                ? "90% of them recorded within 30 days of taking effect, the rest up to 500 days later"
                : "each recorded 0 to 500 days after taking effect",
            r.produceSeconds(),
            r.raw(),
            r.projectorRate() / r.raw(),
            r.sinkRate(),
            r.projectorRate() / r.sinkRate(),
            r.projectorRate(),
            r.naiveCount(),
            r.naiveRounds().size(),
            r.naiveRates(),
            ProjectorBenchmark.NAIVE_WARM_UP,
            r.naive(),
            r.projectorRate() / r.naive(),
            r.peakHeap() >> 20,
            heap,
            r.outOfMemory() ? ", **ran out of memory**" : ", no OutOfMemoryError"));
    if (r.rebuildSeconds() > 0) {
      md.append(
          String.format(
              Locale.ROOT,
              "- rebuild of the whole log (%,d records) into a new generation, switched when caught up: %.0f s%n",
              r.rebuilt(),
              r.rebuildSeconds()));
    } else if (r.rebuildSeconds() < -1) {
      md.append(
          String.format(
              Locale.ROOT,
              "- rebuild of the whole log (%,d records) into a new generation: stopped at the time limit;"
                  + " at its rate it would take %.0f s%n",
              r.rebuilt(),
              -r.rebuildSeconds()));
    }
    if (r.live() != null) {
      md.append(live(r.live()));
    }
    r.serverTimes()
        .forEach(
            (phase, entries) -> {
              if (!entries.isEmpty()) {
                md.append(
                    "- the server's time during "
                        + phase
                        + ", by command, longest in all first (waits for a collection's lock"
                        + " included): ");
                md.append(
                    String.join(
                        "; ",
                        entries.stream().limit(10).map(e -> "`" + e.toString() + "`").toList()));
                md.append('\n');
              }
            });
    md.append("- read model after the load, largest document per collection:\n\n");
    md.append("| collection | documents | largest (bytes) |\n|---|---|---|\n");
    r.largest()
        .forEach(
            (c, s) ->
                md.append(String.format(Locale.ROOT, "| `%s` | %,d | %,d |%n", c, s[0], s[1])));
    md.append('\n');
    return md.toString();
  }

  /** capability-api and talent-service on the loaded read model. */
  private static String live(BenchRun.Live live) {
    EndToEndLatency.Figures e2e = live.endToEnd();
    StringBuilder md = new StringBuilder();
    md.append(
        String.format(
            Locale.ROOT,
            "- end to end, from talent-service's 201 for a hire to capability-api's change event naming"
                + " it on the live stream (Server-Sent Events), hires at %.0f/s for 60 s: %s; %,d of"
                + " %,d hires seen on the stream, %,d hires failed (target: p99 at most 250 ms)%n",
            e2e.rate(),
            e2e.latency(),
            e2e.seen(),
            e2e.sent(),
            e2e.failed()));
    e2e.stages()
        .forEach(
            (stage, figures) ->
                md.append(String.format(Locale.ROOT, "  - of which %s: %s%n", stage, figures)));
    md.append(
        String.format(
            Locale.ROOT,
            "  - processor time per hire during the measurement, by process (of 2 cores): %s%n",
            e2e.cpu()));
    md.append(
        "- queries on the loaded read model, one after the other (target: p99 at most 50 ms):\n\n");
    md.append("| query | alone | while a rebuild runs beside it |\n|---|---|---|\n");
    live.queries()
        .forEach(
            (query, alone) ->
                md.append(
                    String.format(
                        Locale.ROOT,
                        "| `%s` | %s | %s |%n",
                        query,
                        alone,
                        live.duringRebuild().get(query))));
    md.append(
        String.format(
            Locale.ROOT,
            "%n  answers other than 200 while the rebuild ran: %,d%n%n",
            live.queryFailures()));
    return md.toString();
  }

  /** The collector of this JVM, as its management beans name it. */
  private static String collector() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(GarbageCollectorMXBean::getName)
        .collect(Collectors.joining(" and "));
  }

  private static String cpu() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }
}
