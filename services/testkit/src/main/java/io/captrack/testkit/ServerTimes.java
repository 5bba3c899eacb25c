package io.captrack.testkit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where an in-memory stand-in's time goes: every command it handles, counted and timed by database,
 * collection and command, from its arrival to its answer (waits for the collection's lock
 * included). The benchmark takes a snapshot before and after what it measures.
 */
public final class ServerTimes {

  /** One database, collection and command: how many and how long in all. */
  public record Entry(String command, long count, long nanos) {

    public double meanMillis() {
      return count == 0 ? 0 : nanos / 1e6 / count;
    }

    @Override
    public String toString() {
      return String.format(
          "%s: %,d in %,.1f s (%.2f ms each)", command, count, nanos / 1e9, meanMillis());
    }
  }

  private final Map<String, LongAdder[]> times = new ConcurrentHashMap<>();

  void record(String database, String command, Document query, long nanos) {
    Object collection = query.get(command);
    String key = database + "." + (collection instanceof String name ? name : "-") + " " + command;
    LongAdder[] t =
        times.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    t[0].increment();
    t[1].add(nanos);
  }

  /** Every command so far. */
  public Map<String, Entry> snapshot() {
    Map<String, Entry> now = new ConcurrentHashMap<>();
    times.forEach((k, t) -> now.put(k, new Entry(k, t[0].sum(), t[1].sum())));
    return now;
  }

  /** The commands handled since {@code before} (a snapshot), the longest in all first. */
  public List<Entry> since(Map<String, Entry> before, int top) {
    List<Entry> entries = new ArrayList<>();
    snapshot()
        .forEach(
            (k, e) -> {
              Entry b = before.get(k);
              long count = e.count() - (b == null ? 0 : b.count());
              if (count > 0) {
                entries.add(new Entry(k, count, e.nanos() - (b == null ? 0 : b.nanos())));
              }
            });
    entries.sort(Comparator.comparingLong(Entry::nanos).reversed());
    return entries.subList(0, Math.min(top, entries.size()));
  }

  /** The in-memory backend, timing each command it handles. */
  static final class TimedBackend extends MemoryBackend {

    private final ServerTimes times;

    TimedBackend(ServerTimes times) {
      this.times = times;
    }

    @Override
    public Document handleCommand(
        Channel channel, String databaseName, String command, Document query) {
      long started = System.nanoTime();
      try {
        return super.handleCommand(channel, databaseName, command, query);
      } finally {
        times.record(databaseName, command, query, System.nanoTime() - started);
      }
    }
  }
}
