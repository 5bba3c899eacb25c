package io.captrack.projector.bench;

import io.captrack.testkit.ServerTimes;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark measured on one load.
 *
 * @param rawSeconds unordered bulk upserts of each event into its owner's document, no Kafka
 * @param sink the MongoDB Kafka sink connector's progress
 * @param projector the projector's progress (its own JVM, {@code -Xmx512m})
 * @param catchUp where the projector's catch-up of the load spent its time
 * @param peakHeap the projector's largest heap in use, bytes
 * @param outOfMemory whether the projector ran out of memory
 * @param rebuildSeconds a rebuild of the whole log into a new generation, or -1 when not run
 * @param naiveCount records the naive projector (one record at a time) went through in each round
 * @param naiveRounds the seconds each round took, over the same records into a fresh database
 * @param largest each read-model collection's count and largest document in bytes
 * @param serverTimes by phase, the stand-in's commands, those that took it longest in all first
 *     (none with containers)
 * @param live queries and end-to-end latency on the loaded read model, or null when not measured
 * @param processor by phase ({@link #SINK_PHASE}, {@link #CATCH_UP_PHASE}, {@link #REBUILD_PHASE}),
 *     the processor time of every process of the machine over it
 */
record BenchRun(
    BenchLoad load,
    double produceSeconds,
    double rawSeconds,
    List<Progress.Sample> sink,
    List<Progress.Sample> projector,
    CatchUp catchUp,
    long peakHeap,
    boolean outOfMemory,
    double rebuildSeconds,
    int naiveCount,
    List<Double> naiveRounds,
    Map<String, long[]> largest,
    Map<String, List<ServerTimes.Entry>> serverTimes,
    Live live,
    Map<String, Processor> processor) {

  /** The phase of {@link #serverTimes} in which the sink connector moved the load. */
  static final String SINK_PHASE = "the sink connector's run";

  /** The phase of {@link #serverTimes} in which the projector caught up with the load. */
  static final String CATCH_UP_PHASE = "the projector's catch-up";

  /** The phase of {@link #processor} in which a rebuild replayed the log beside the queries. */
  static final String REBUILD_PHASE = "the rebuild";

  /** Seconds the server spent on a phase's commands, summed; 0 when not measured. */
  double serverSeconds(String phase) {
    return serverTimes().getOrDefault(phase, List.of()).stream()
            .mapToLong(ServerTimes.Entry::nanos)
            .sum()
        / 1e9;
  }

  /**
   * The projector's catch-up of a load, by its own measurements.
   *
   * @param steps seconds in each step of its batches (its metric {@code
   *     captrack.projector.batch.step}), the server's time included, longest first
   * @param pauses its collector's pauses until it had caught up
   * @param pauseSeconds their time in all
   */
  record CatchUp(Map<String, Double> steps, int pauses, double pauseSeconds) {}

  /**
   * capability-api and a producer on the loaded read model.
   *
   * @param queries query latencies with nothing else running
   * @param ownClock how many of those answers capability-api itself timed over 50 ms, as text
   * @param duringRebuild the same queries while a rebuild runs beside them
   * @param queryFailures answers other than 200 while the rebuild ran
   * @param endToEnd from a producer's 201 to the change on the live stream
   * @param rebuilt the records the rebuild replays: the load and the hires
   */
  record Live(
      Map<String, Latencies.Summary> queries,
      String ownClock,
      Map<String, Latencies.Summary> duringRebuild,
      int queryFailures,
      EndToEndLatency.Figures endToEnd,
      long rebuilt) {}

  int size() {
    return load.events().size();
  }

  /** The records a rebuild replays: the load, and the end-to-end hires when they ran. */
  long rebuilt() {
    return live == null ? size() : live.rebuilt();
  }

  double raw() {
    return size() / rawSeconds;
  }

  double sinkRate() {
    return size() / Progress.seconds(sink);
  }

  double projectorRate() {
    return size() / Progress.seconds(projector);
  }

  /** The naive projector's rate over its rounds, then each round's. */
  String naiveText() {
    return String.format(
        "%,.0f events/s over %d rounds of the first %,d records (%s events/s)",
        naive(), naiveRounds.size(), naiveCount, naiveRates());
  }

  /** Each round's rate of the naive projector. */
  String naiveRates() {
    StringBuilder each = new StringBuilder();
    for (double seconds : naiveRounds) {
      each.append(each.isEmpty() ? "" : ", ").append(String.format("%,.0f", naiveCount / seconds));
    }
    return each.toString();
  }

  /** The naive projector's rate over all its rounds. */
  double naive() {
    return naiveCount * naiveRounds.size() / naiveRounds.stream().mapToDouble(x -> x).sum();
  }
}
