package io.captrack.projector.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The processor time every process of the machine spent over one phase of a run (a contender's JVM,
 * this JVM with the server and the broker, the services when they run), against the records the
 * phase moved and its length. On a machine of {@code cores} cores, a phase's processor time per
 * record bounds its rate however its work is spread: {@link #cap}. Each figure counts a JVM's start
 * when the phase began with it (the sink connector's, the projector's), as its rate does.
 *
 * @param seconds processor seconds by process over the phase
 * @param records the records the phase moved
 * @param wallSeconds the phase's length
 * @param cores the machine's cores
 */
record Processor(Map<String, Double> seconds, long records, double wallSeconds, int cores) {

  /** What {@link #of} measures the phase from: each process's processor time at its start. */
  record Start(Map<String, Supplier<Duration>> clocks, Map<String, Duration> at) {}

  /** The name of this JVM's processor time in {@link #seconds}. */
  static final String THIS_JVM = "server and broker (this JVM)";

  /** A contender's JVM and this one, in that order. */
  static Map<String, Supplier<Duration>> beside(String contender, Supplier<Duration> clock) {
    Map<String, Supplier<Duration>> clocks = new LinkedHashMap<>();
    clocks.put(contender, clock);
    clocks.put(THIS_JVM, Processor::thisJvm);
    return clocks;
  }

  /** Begins a phase: the processor time so far of each process {@code clocks} names. */
  static Start start(Map<String, Supplier<Duration>> clocks) {
    Map<String, Duration> at = new LinkedHashMap<>();
    clocks.forEach((name, clock) -> at.put(name, clock.get()));
    return new Start(clocks, at);
  }

  /** Ends a phase begun at {@code start} that moved {@code records} in {@code wallSeconds}. */
  static Processor of(Start start, long records, double wallSeconds) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    start
        .clocks()
        .forEach(
            (name, clock) ->
                seconds.put(name, clock.get().minus(start.at().get(name)).toNanos() / 1e9));
    return new Processor(seconds, records, wallSeconds, Runtime.getRuntime().availableProcessors());
  }

  /** This JVM's processor time so far: the server's, the broker's and the benchmark's threads. */
  static Duration thisJvm() {
    return Duration.ofNanos(
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime());
  }

  /** Processor seconds of every process together. */
  double total() {
    return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Processor milliseconds per 1,000 records, every process together. */
  double perThousand() {
    return 1e6 * total() / records;
  }

  /** Cores kept busy on average over the phase. */
  double coresBusy() {
    return total() / wallSeconds;
  }

  /**
   * Records per second with every core busy all the time at this phase's processor time per record:
   * no spreading of the same work over threads or processes goes faster.
   */
  double cap() {
    return cores * records / total();
  }

  /** Seconds {@code records} take at least at this phase's processor time per record. */
  double floorSeconds(long records) {
    return records / cap();
  }

  /** The processes' shares as text: {@code projector 12.0 s, server and broker 3.1 s}. */
  String byProcess() {
    return seconds.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
