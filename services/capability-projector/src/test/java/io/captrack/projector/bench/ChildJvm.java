package io.captrack.projector.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmarked program in a JVM of its own, its output in a log file; for a Spring Boot service,
 * its heap in use sampled from its Prometheus endpoint every 250 ms.
 */
final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final AtomicLong peakHeap = new AtomicLong();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService heapWatch =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "heap-watch");
            t.setDaemon(true);
            return t;
          });

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static ChildJvm start(
      List<String> jvmOptions, String classpath, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(process, log);
  }

  /** Samples the heap in use of a service on {@code port} every 250 ms until closed. */
  void watchHeap(int port) {
    heapWatch.scheduleAtFixedRate(
        () -> {
          try {
            peakHeap.accumulateAndGet(heap(scrape(port)), Math::max);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // not up yet, or going down
          }
        },
        0,
        250,
        TimeUnit.MILLISECONDS);
  }

  /** The service's metrics in Prometheus' text format. */
  String scrape(int port) throws IOException, InterruptedException {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("Authorization", BenchToken.AUTHORIZATION)
                .timeout(Duration.ofSeconds(2))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
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

  long peakHeap() {
    return peakHeap.get();
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
    heapWatch.shutdownNow();
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
