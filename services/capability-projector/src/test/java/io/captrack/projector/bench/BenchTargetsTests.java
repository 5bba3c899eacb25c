package io.captrack.projector.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.captrack.testkit.ServerTimes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The targets of RESULTS.md against the issue's rules, as the benchmark's README states them: on
 * the recent load the projector at least 1.0 x the sink connector and 0.7 x the raw ceiling, on the
 * back-dated load 0.4 x the raw ceiling, on each at least 10 x the naive projector, heap at most
 * 512 MiB without running out, a rebuild within 90 s, end to end p99 at most 250 ms, each query's
 * p99 at most 50 ms.
 */
class BenchTargetsTests {

  /** Events in a run: its rates below divide it exactly, so ratios on a target are exact. */
  private static final int SIZE = 7000;

  @Test
  void eachTargetIsJudgedByTheRuleTheIssueSets() {
    // run 53's figures
    BenchRun recent = run("recent", 5639, 20886, 3967, 442, 479, false, -311, 235, 55.4, 34.4);
    BenchRun backDated = run("back-dated", 6865, 21000, 3979, 430, 447, false, -1, 0, 0, 0);

    Map<String, Boolean> met =
        BenchTargets.verdicts(List.of(recent, backDated)).stream()
            .collect(
                Collectors.toMap(
                    v -> v.target().substring(0, v.target().indexOf(" at ")),
                    BenchTargets.Verdict::met,
                    (a, b) -> a,
                    LinkedHashMap::new));

    assertThat(met)
        .containsExactly(
            Map.entry("recent: projector / sink connector", false),
            Map.entry("recent: projector / raw ceiling", true),
            Map.entry("recent: projector / naive projector", false),
            Map.entry("recent: projector's peak heap", true),
            Map.entry("rebuild of the whole log (7,000 records), seconds", false),
            Map.entry("end to end (200 hires/s), p99 ms", true),
            Map.entry("`GET /capabilities`, p99 ms", false),
            Map.entry("`series`, p99 ms", true),
            Map.entry("back-dated: projector / raw ceiling", true),
            Map.entry("back-dated: projector / naive projector", false),
            Map.entry("back-dated: projector's peak heap", true));
  }

  @Test
  void aTargetMetExactlyIsMetAndOneJustOutsideIsNot() {
    assertThat(verdict(run("recent", 1000, 700, 700, 70, 512, false, 90, 250, 50, 50)))
        .allMatch(BenchTargets.Verdict::met);
    assertThat(verdict(run("recent", 1000, 700, 699, 70, 513, true, 90.5, 250.5, 50.1, 49)))
        .filteredOn(v -> !v.met())
        .extracting(v -> v.target().substring(0, v.target().indexOf(" at ")))
        .containsExactly(
            "recent: projector / sink connector",
            "recent: projector / raw ceiling",
            "recent: projector / naive projector",
            "recent: projector's peak heap",
            "rebuild of the whole log (7,000 records), seconds",
            "end to end (200 hires/s), p99 ms",
            "`GET /capabilities`, p99 ms");
  }

  @Test
  void aMissSaysByHowMuchAndWhereTheTimeWent() {
    BenchRun recent = run("recent", 5639, 20886, 3967, 442, 479, false, -311, 235, 55.4, 34.4);

    BenchRun backDated = run("back-dated", 6865, 21000, 3979, 430, 447, false, -1, 0, 0, 0);

    String md = BenchTargets.markdown(List.of(recent, backDated));

    // 3,967 / 20,886 = 0.19 x: 81% short, 5.26 times its rate needed
    assertThat(md)
        .contains(
            "| recent: projector / sink connector at least 1.0 x | 0.19 x | **missed**, 81% short")
        .contains("would need 5.26 times its rate")
        // 311 s against 90 s
        .contains("| 311.0 | **missed**, 246% over (3.46 times the limit) |")
        .contains("| end to end (200 hires/s), p99 ms at most 250 | 235.0 | met, 6% under |")
        // the catch-up's steps, longest first, and the collector's share of it
        .contains("its batches' steps (the server's time included): months 46.2 s, people 44.4 s")
        .contains("paused it 88 times, 48.0 s in all")
        // 7,000 records in 90 s is 78 events/s
        .contains("90 s takes 78 events/s")
        .contains("queries: answers over 50 ms by capability-api's own clock: 12 of 32")
        .doesNotContain("baseline")
        // the back-dated load ran no rebuild: one line on the rebuild, the recent one's
        .containsOnlyOnce("- rebuild:");
  }

  @Test
  void aMissedSinkOrRebuildSaysHowManyDocumentsTheReadModelHoldsPerRecord() {
    Map<String, long[]> largest = new LinkedHashMap<>();
    largest.put("coverage", new long[] {64, 6615});
    largest.put("people", new long[] {3500, 3131});
    largest.put("person_events", new long[] {6000, 3290});
    largest.put("event_owners", new long[] {6500, 131});
    largest.put("shards", new long[] {3, 169});
    BenchRun recent =
        withLargest(
            run("recent", 5639, 20886, 3967, 442, 479, false, -311, 235, 55.4, 34.4), largest);

    String md = BenchTargets.markdown(List.of(recent));

    // 16,067 documents for 7,000 records: 2.30 per record; one per record at most 7,000 / 16,067
    assertThat(md)
        .contains(
            "recent: the projector's read model holds 16,067 documents after the load, 2.30 per"
                + " record (the sink connector writes 1): `event_owners` 6,500, `person_events`"
                + " 6,000, `people` 3,500;")
        .contains("caps the projector at 0.44 x its rate")
        // 16,067 documents at 20,886 a second
        .contains("would alone take 1 s");
    // without the collections' counts, no such line
    assertThat(BenchTargets.markdown(List.of(withLargest(recent, Map.of()))))
        .doesNotContain("documents after the load")
        .doesNotContain("would alone take");
  }

  @Test
  void aMissedSinkSaysWhatTheServersOwnTimeAloneAllowsTheProjector() {
    // the sink connector moves the records in SIZE / 20,000 s; the server spent 2.0 s on the
    // projector's commands and 0.1 s on the sink connector's
    BenchRun recent = run("recent", 5639, 20000, 3967, 442, 479, false, 60, 235, 55.4, 34.4);
    double sinkRun = SIZE / 20000.0;
    Map<String, List<ServerTimes.Entry>> server = new LinkedHashMap<>();
    server.put(
        BenchRun.SINK_PHASE, List.of(new ServerTimes.Entry("bench-sink.x insert", 7, 100_000_000)));
    server.put(
        BenchRun.CATCH_UP_PHASE,
        List.of(
            new ServerTimes.Entry("bench.coverage_months update", 3, 1_500_000_000),
            new ServerTimes.Entry("bench.people update", 3, 500_000_000)));
    BenchRun measured = withServerTimes(recent, server);

    assertThat(BenchTargets.markdown(List.of(measured)))
        .contains(
            String.format(
                Locale.ROOT,
                "recent: the server's own time (its commands summed, waits for a collection's lock"
                    + " included): 2.0 s for the projector's catch-up, 0.1 s for the sink"
                    + " connector's whole run of %.0f s;",
                sinkRun))
        .contains(String.format(Locale.ROOT, "caps it at %.2f x the sink connector", sinkRun / 2));
    // not measured (containers): no such line
    assertThat(BenchTargets.markdown(List.of(recent))).doesNotContain("the server's own time");
  }

  @Test
  void aMissedSinkOrRebuildSaysWhatTheProcessorTimePerRecordAllowsOnTheMachinesCores() {
    // the sink connector's run: 2.0 + 1.5 s of processor for SIZE records, 0.5 ms a record; the
    // projector's catch-up: 10.0 + 4.0 s, 2 ms a record, four times as much; two cores busy all
    // the time at 2 ms a record move 1,000 records a second, 0.05 of the sink connector's 20,000
    BenchRun recent = run("recent", 5639, 20000, 3967, 442, 479, false, -300, 235, 55.4, 34.4);
    Map<String, Processor> processor = new LinkedHashMap<>();
    processor.put(BenchRun.SINK_PHASE, processor("sink connector", 2.0, 1.5, SIZE, 2.0));
    processor.put(BenchRun.CATCH_UP_PHASE, processor("projector", 10.0, 4.0, SIZE, 8.0));
    // the rebuild, stopped at half the log: 6.0 + 1.0 s of processor for SIZE / 2 records, 2 ms a
    // record; the whole log (SIZE records) on two cores: SIZE * 2 ms / 2 = 7 s at least
    processor.put(BenchRun.REBUILD_PHASE, processor("projector", 6.0, 1.0, SIZE / 2, 4.0));

    String md = BenchTargets.markdown(List.of(withProcessor(recent, processor)));

    assertThat(md)
        .contains(
            "recent: processor time of every process, the server's and the broker's included: the"
                + " sink connector's run 500 ms per 1,000 records (sink connector 2.0 s, server and"
                + " broker (this JVM) 1.5 s; 1.75 of 2 cores busy), the projector's catch-up 2000"
                + " ms per 1,000 records (projector 10.0 s, server and broker (this JVM) 4.0 s;"
                + " 1.75 of 2 cores busy), 4.0 times the sink connector's;")
        .contains("caps the projector at 1,000 events/s, 0.05 x the sink connector's rate")
        .contains(
            "; processor time during the rebuild, every process: 2000 ms per 1,000 records"
                + " (projector 6.0 s, server and broker (this JVM) 1.0 s; 1.75 of 2 cores busy),"
                + " so that the whole log takes at least 7 s");
    // not measured: no such figures
    assertThat(BenchTargets.markdown(List.of(recent)))
        .doesNotContain("processor time of every process")
        .doesNotContain("processor time during the rebuild");
  }

  private static Processor processor(
      String contender, double own, double thisJvm, long records, double wallSeconds) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put(contender, own);
    seconds.put(Processor.THIS_JVM, thisJvm);
    return new Processor(seconds, records, wallSeconds, 2);
  }

  private static BenchRun withProcessor(BenchRun r, Map<String, Processor> processor) {
    return with(r, r.largest(), r.serverTimes(), processor);
  }

  private static BenchRun withServerTimes(
      BenchRun r, Map<String, List<ServerTimes.Entry>> serverTimes) {
    return with(r, r.largest(), serverTimes, r.processor());
  }

  private static BenchRun withLargest(BenchRun r, Map<String, long[]> largest) {
    return with(r, largest, r.serverTimes(), r.processor());
  }

  /** The run with these collections' counts, server times and processor times. */
  private static BenchRun with(
      BenchRun r,
      Map<String, long[]> largest,
      Map<String, List<ServerTimes.Entry>> serverTimes,
      Map<String, Processor> processor) {
    return new BenchRun(
        r.load(),
        r.produceSeconds(),
        r.rawSeconds(),
        r.sink(),
        r.projector(),
        r.catchUp(),
        r.peakHeap(),
        r.outOfMemory(),
        r.rebuildSeconds(),
        r.naiveCount(),
        r.naiveRounds(),
        largest,
        serverTimes,
        r.live(),
        processor);
  }

  @Test
  void stepsAreReadFromTheProjectorsMetricsLongestFirst() {
    String scrape =
        """
        # HELP captrack_projector_batch_step_seconds one step of a batch
        captrack_projector_batch_step_seconds_count{application="capability-projector",step="derive"} 212
        captrack_projector_batch_step_seconds_sum{application="capability-projector",step="derive"} 29.889086693
        captrack_projector_batch_step_seconds_sum{application="capability-projector",step="months"} 46.225748887
        captrack_projector_batch_step_seconds_max{application="capability-projector",step="months"} 1.306321659
        captrack_projector_batch_seconds_sum{application="capability-projector"} 235.958324344
        captrack_projector_batch_step_seconds_sum{application="capability-projector",step="lease"} 0.034607122
        """;

    assertThat(BenchTargets.steps(scrape))
        .containsExactly(
            Map.entry("months", 46.225748887),
            Map.entry("derive", 29.889086693),
            Map.entry("lease", 0.034607122));
  }

  @Test
  void pausesAreReadFromTheCollectorsLog() {
    String gc =
        """
        [2026-12-02T11:39:48.040+0000][0.008s][info][gc] Using Parallel
        [2026-12-02T11:39:50.437+0000][2.405s][info][gc] GC(0) Pause Young (Allocation Failure) 95M->16M(362M) 52.203ms
        [2026-12-02T11:39:50.675+0000][2.644s][info][gc] GC(2) Pause Full (Metadata GC Threshold) 17M->17M(407M) 58.802ms
        [2026-12-02T11:39:52.623+0000][4.591s][info][gc] GC(3) Pause Young (Metadata GC Threshold) 119M->24M(407M) 4ms
        """;

    double[] pauses = ChildJvm.pauses(gc);
    assertThat(pauses[0]).isEqualTo(3);
    assertThat(pauses[1]).isCloseTo(0.115005, within(1e-9));
  }

  private static List<BenchTargets.Verdict> verdict(BenchRun run) {
    return BenchTargets.verdicts(List.of(run));
  }

  /** A run of {@link #SIZE} events with these rates (events/s) and figures. */
  private static BenchRun run(
      String name,
      double raw,
      double sink,
      double projector,
      double naive,
      long heapMib,
      boolean outOfMemory,
      double rebuildSeconds,
      double e2eP99,
      double capabilitiesP99,
      double seriesP99) {
    BenchLoad load = new BenchLoad(name, Collections.nCopies(SIZE, null), 10, 2, 0);
    Map<String, Double> steps = new LinkedHashMap<>();
    steps.put("months", 46.2);
    steps.put("people", 44.4);
    steps.put("derive", 29.9);
    BenchRun.Live live = null;
    if (e2eP99 > 0) {
      EndToEndLatency.Figures e2e =
          new EndToEndLatency.Figures(
              12001,
              200,
              12001,
              0,
              new Latencies.Summary(12001, 60, e2eP99, 389),
              Map.of("projector", new Latencies.Summary(12001, 59, e2eP99 - 2, 419)),
              Map.of(),
              Map.of(),
              Map.of("talent-service", 1.93));
      Map<String, Latencies.Summary> queries = new LinkedHashMap<>();
      queries.put("GET /capabilities", new Latencies.Summary(1589, 6.2, capabilitiesP99, 110));
      queries.put("series", new Latencies.Summary(1589, 3.9, seriesP99, 91));
      // the server's own answer, no API: measured beside them, not a target
      queries.put("baseline: one document", new Latencies.Summary(1589, 0.6, 70, 90));
      live =
          new BenchRun.Live(
              queries, "by capability-api's own clock: 12 of 32", Map.of(), 0, e2e, SIZE);
    }
    return new BenchRun(
        load,
        1,
        SIZE / raw,
        samples(SIZE / sink),
        samples(SIZE / projector),
        new BenchRun.CatchUp(steps, 88, 48.0),
        heapMib << 20,
        outOfMemory,
        rebuildSeconds,
        SIZE,
        List.of(SIZE / naive),
        Map.of(),
        Map.of(),
        live,
        Map.of());
  }

  private static List<Progress.Sample> samples(double seconds) {
    return List.of(new Progress.Sample(0, 0), new Progress.Sample(seconds, SIZE));
  }
}
