package io.captrack.projector.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A benchmarked program in a JVM of its own, its output in a log file and its collector's in a GC
 * log beside it ({@code <log>.gc}), from which its peak heap is read: the heap in use when each
 * collection began. Reading it costs the program nothing; asking its Prometheus endpoint every 250
 * ms, as this did before, took about a tenth of the projector's processor samples in a flight
 * recording, for a figure that sampling could miss between two asks.
 */
final class ChildJvm implements AutoCloseable {

  /**
   * The collector option of every JVM the benchmark starts ({@code captrack.bench.collector}): the
   * one deploy/ gives the services. {@code default} leaves the JVM's own choice, G1 on this
   * machine.
   */
  /**
   * The java of every child JVM: the build's ({@code captrack.bench.child-java}), which may differ
   * from the benchmark's own (see deploy/benchmark.sh); this JVM's when not given.
   */
  static final String JAVA =
      System.getProperty(
          "captrack.bench.child-java",
          Path.of(System.getProperty("java.home"), "bin", "java").toString());

  /** Its version, as the build gives it; this JVM's when not given. */
  static final String JAVA_VERSION =
      System.getProperty("captrack.bench.child-java-version", System.getProperty("java.version"));

  static final String COLLECTOR = System.getProperty("captrack.bench.collector", "default");

  private final Process process;
  private final Path log;
  private final AtomicLong scrapedHeap = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(
      List<String> jvmOptions, String classpath, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    if (!COLLECTOR.isBlank() && !COLLECTOR.equals("default")) {
      command.add(COLLECTOR);
    }
    command.addAll(jvmOptions);
    // one file, started afresh: no rotation of an earlier run's log into <log>.gc.0
    // wall-clock time beside uptime, to line pauses up with the slow answers of other processes
    command.add("-Xlog:gc:file=" + gcLog(log) + ":utctime,uptime,level,tags:filecount=0");
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(process, log);
  }

  /** The service's metrics in Prometheus' text format; their heap in use counts toward the peak. */
  String scrape(int port) throws IOException, InterruptedException {
    String metrics =
        http.send(BenchToken.actuator(port, "prometheus"), HttpResponse.BodyHandlers.ofString())
            .body();
    scrapedHeap.accumulateAndGet(heap(metrics), Math::max);
    return metrics;
  }

  /** The sum of {@code jvm_memory_used_bytes} over the heap's pools. */
  static long heap(String prometheus) {
    long sum = 0;
    for (String line : prometheus.split("\n")) {
      if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
        sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * The most heap in use the program's collector found when a collection began (its GC log), or in
   * a scrape of its metrics, whichever is more.
   */
  long peakHeap() throws IOException {
    long peak = scrapedHeap.get();
    Path gc = gcLog(log);
    if (Files.exists(gc)) {
      Matcher m = BEFORE_AFTER.matcher(Files.readString(gc));
      while (m.find()) {
        peak = Math.max(peak, bytes(m.group(1), m.group(2)));
      }
    }
    return peak;
  }

  /** The pauses the program's collector has logged so far: how many, and their seconds in all. */
  double[] pauses() throws IOException {
    Path gc = gcLog(log);
    return pauses(Files.exists(gc) ? Files.readString(gc) : "");
  }

  /** The pauses in a unified GC log: how many, and their seconds in all. */
  static double[] pauses(String gcLog) {
    double[] pauses = new double[2];
    Matcher m = PAUSE.matcher(gcLog);
    while (m.find()) {
      pauses[0]++;
      pauses[1] += Double.parseDouble(m.group(1)) / 1000;
    }
    return pauses;
  }

  /** A pause in a unified GC log line: {@code Pause Young (Allocation Failure) ... 24.679ms}. */
  private static final Pattern PAUSE =
      Pattern.compile("Pause [^\n]* (\\d+(?:\\.\\d+)?)ms$", Pattern.MULTILINE);

  /** The processor time the JVM has used so far (all its threads, user and system). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** A collection in a unified GC log line: {@code 300M->120M(512M)}, in use before and after. */
  private static final Pattern BEFORE_AFTER =
      Pattern.compile("(\\d+)([KMG])->\\d+[KMG]\\(\\d+[KMG]\\)");

  static long bytes(String amount, String unit) {
    long n = Long.parseLong(amount);
    return switch (unit) {
      case "K" -> n << 10;
      case "M" -> n << 20;
      default -> n << 30;
    };
  }

  private static Path gcLog(Path log) {
    return log.resolveSibling(log.getFileName() + ".gc");
  }

  /** Waits for the program to end, at most {@code limit}: its exit status (-1 if still running). */
  int waitFor(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Whether the program ran out of memory, as its log says. */
  boolean outOfMemory() throws IOException {
    return Files.readString(log).contains("OutOfMemoryError");
  }

  Path log() {
    return log;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
