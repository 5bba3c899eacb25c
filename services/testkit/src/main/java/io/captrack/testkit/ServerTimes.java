package io.captrack.testkit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where an in-memory stand-in's time goes: every command it handles, counted and timed by database,
 * collection and command, from its arrival to its answer (waits for the collection's lock
 * included). The benchmark takes a snapshot before and after what it measures. Beside the totals,
 * the last {@value #SLOW_KEPT} commands that took at least {@value #SLOW_MILLIS} ms each, with when
 * they ended and what they asked: which client's command holds a collection when an answer waits.
 */
public final class ServerTimes {

  /** Commands at least this long are kept one by one. */
  static final int SLOW_MILLIS = 20;

  /** How many slow commands are kept, the oldest dropped first. */
  static final int SLOW_KEPT = 10_000;

  /**
   * A command that took {@value #SLOW_MILLIS} ms or more: when it ended, how long, what it asked.
   */
  public record Slow(long endedAtMillis, String command, long nanos, String asked) {

    @Override
    public String toString() {
      return String.format(
          "%s %6.1f ms %s %s",
          java.time.Instant.ofEpochMilli(endedAtMillis), nanos / 1e6, command, asked);
    }
  }

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
  private final ConcurrentLinkedDeque<Slow> slow = new ConcurrentLinkedDeque<>();
  private final AtomicInteger slowCount = new AtomicInteger();

  void record(String database, String command, Document query, long nanos) {
    Object collection = query.get(command);
    String key = database + "." + (collection instanceof String name ? name : "-") + " " + command;
    LongAdder[] t =
        times.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    t[0].increment();
    t[1].add(nanos);
    if (nanos >= SLOW_MILLIS * 1_000_000L) {
      slow.addLast(new Slow(System.currentTimeMillis(), key, nanos, asked(query)));
      if (slowCount.incrementAndGet() > SLOW_KEPT && slow.pollFirst() != null) {
        slowCount.decrementAndGet();
      }
    }
  }

  /** How much of a slow command is kept, in characters. */
  static final int ASKED_CHARS = 300;

  /**
   * What a command asked, short: its filter (or query), projection, sort, limit and updates, cut at
   * {@value #ASKED_CHARS} characters. Written only as far as it is kept, binary values by their
   * length: the server answers after this, and rendering a whole bulk write (its documents' binary
   * fields as hex) took a fifth of the server's processor once commands slowed down, which slowed
   * them further.
   */
  static String asked(Document query) {
    Bounded asked = new Bounded(ASKED_CHARS);
    for (String field : List.of("filter", "q", "query", "projection", "sort", "limit", "updates")) {
      Object value = query.get(field);
      if (value != null && !asked.full()) {
        asked.append(field).append("=");
        render(value, asked);
        asked.append(" ");
      }
    }
    return asked.text();
  }

  private static void render(Object value, Bounded out) {
    if (out.full()) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      out.append("{");
      String separator = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (out.full()) {
          return;
        }
        out.append(separator).append("\"").append(String.valueOf(e.getKey())).append("\" : ");
        render(e.getValue(), out);
        separator = ", ";
      }
      out.append("}");
    } else if (value instanceof Collection<?> list) {
      out.append("[ ");
      String separator = "";
      for (Object item : list) {
        if (out.full()) {
          return;
        }
        out.append(separator);
        render(item, out);
        separator = ", ";
      }
      out.append(" ]");
    } else if (value instanceof String text) {
      out.append("\"").append(text).append("\"");
    } else if (value instanceof BinData binary) {
      out.append("BinData(" + binary.getData().length + " bytes)");
    } else if (value instanceof byte[] bytes) {
      out.append("BinData(" + bytes.length + " bytes)");
    } else {
      out.append(String.valueOf(value));
    }
  }

  /** Text that takes at most so many characters, then marks that it was cut. */
  private static final class Bounded {
    private final StringBuilder text = new StringBuilder();
    private final int limit;
    private boolean cut;

    Bounded(int limit) {
      this.limit = limit;
    }

    Bounded append(String s) {
      if (cut) {
        return this;
      }
      int room = limit - text.length();
      if (s.length() > room) {
        text.append(s, 0, room);
        cut = true;
      } else {
        text.append(s);
      }
      return this;
    }

    boolean full() {
      return cut;
    }

    String text() {
      return cut ? text + "..." : text.toString().strip();
    }
  }

  /** The slow commands kept that ended at or after {@code fromMillis} (epoch), oldest first. */
  public List<Slow> slowSince(long fromMillis) {
    return slow.stream().filter(s -> s.endedAtMillis() >= fromMillis).toList();
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
