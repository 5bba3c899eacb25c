package io.captrack.projector.coverage;

import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.readmodel.MonthDays;
import io.captrack.projector.timeline.Calendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;

/**
 * The month documents of one generation's capabilities as this projector last read or wrote them,
 * so that a batch reads from the store only the capability documents and the months it has not
 * seen. A capability's document changes with every batch that writes its months, after them ({@link
 * CoverageCalendar#version}). After this projector writes batch n of a shard, it knows what the
 * document's version will be ({@code seq.<shard>} = n, {@code updatedAt} its time) and what its
 * months hold (what it read, plus its changes); the next batch uses them only when the document it
 * reads has exactly that version, that is when no other writer has written the capability since.
 * Otherwise the months are read again.
 *
 * <p>Per capability it keeps each month's net change from the first month a batch needed on, and
 * the days of the months read whole (a batch reads today's). Bounded by the capabilities of the
 * taxonomy and their months.
 */
final class MonthMemory {

  /** What is known of one version of a capability's document. */
  static final class Entry {
    private final Document version;
    private final Map<String, Document> nets;
    private final Map<YearMonth, Document> days;

    private Entry(Document version, Map<String, Document> nets, Map<YearMonth, Document> days) {
      this.version = version;
      this.nets = nets;
      this.days = days;
    }
  }

  /** A month known not to exist. */
  private static final Document ABSENT = new Document();

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private long hits;
  private long misses;

  /**
   * What this memory holds for a capability document just read: its entry for that version, begun
   * empty when the version changed; null for a document without a version.
   */
  Entry entry(Document head) {
    String id = head.getString("_id");
    Document version = CoverageCalendar.version(head);
    if (version == null) {
      entries.remove(id);
      return null;
    }
    return entries.compute(
        id,
        (k, e) ->
            e != null && e.version.equals(version)
                ? e
                : new Entry(version, new ConcurrentHashMap<>(), new ConcurrentHashMap<>()));
  }

  /** The net change of month documents by id, from memory where the version read allows. */
  Function<List<String>, Map<String, Document>> nets(
      Map<String, Entry> current, Function<List<String>, Map<String, Document>> read) {
    return ids -> {
      Map<String, Document> found = new HashMap<>();
      List<String> missing = new ArrayList<>();
      for (String id : ids) {
        Entry e = current.get(capabilityOf(id));
        Document net = e == null ? null : e.nets.get(id);
        if (net == null) {
          missing.add(id);
        } else if (net != ABSENT) {
          found.put(id, net);
        }
      }
      count(ids.size() - missing.size(), missing.size());
      Map<String, Document> fresh = missing.isEmpty() ? Map.of() : read.apply(missing);
      for (String id : missing) {
        Document net = fresh.get(id);
        Entry e = current.get(capabilityOf(id));
        if (e != null) {
          e.nets.put(id, net == null ? ABSENT : net);
        }
        if (net != null) {
          found.put(id, net);
        }
      }
      return found;
    };
  }

  /**
   * The days of month documents by capability and month, from memory where the version read allows;
   * a month read and not found is an empty document.
   */
  Map<String, Map<YearMonth, Document>> days(
      Collection<String> ids,
      Map<String, Entry> current,
      Collection<YearMonth> wanted,
      Function<List<String>, Map<String, Document>> read) {
    Map<String, Map<YearMonth, Document>> found = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      Entry e = current.get(id);
      Map<YearMonth, Document> months = found.computeIfAbsent(id, x -> new HashMap<>());
      for (YearMonth m : wanted) {
        Document d = e == null ? null : e.days.get(m);
        if (d == null) {
          missing.add(CoverageCalendar.monthId(id, m));
        } else {
          months.put(m, d);
        }
      }
    }
    count(ids.size() * wanted.size() - missing.size(), missing.size());
    Map<String, Document> fresh = missing.isEmpty() ? Map.of() : read.apply(missing);
    for (String monthId : missing) {
      String id = capabilityOf(monthId);
      YearMonth m = YearMonth.parse(monthId.substring(id.length() + 1));
      Document d = fresh.get(monthId);
      Document days = new Document(MonthDays.DAYS, byDay(d));
      found.get(id).put(m, days);
      Entry e = current.get(id);
      if (e != null) {
        e.days.put(m, days);
      }
    }
    return found;
  }

  /**
   * A month document's days as this memory keeps them, in the earlier layout ({@code <yyyy-MM-dd>:
   * {<counter>: change}}), whichever layout the document has.
   */
  private static Document byDay(Document month) {
    Document all = new Document();
    MonthDays.days(month).forEach((day, changes) -> all.put(day.toString(), new Document(changes)));
    return all;
  }

  /** Forgets capabilities whose months a batch is about to write. */
  void forget(Collection<String> capabilityIds) {
    capabilityIds.forEach(entries::remove);
  }

  /**
   * This projector wrote a batch (its number for each of its shards in {@code numbers}) to a
   * capability's document, at {@code now}, with these changes, after reading it as {@code read}
   * knows it. The months {@code read} knows, with the changes added, are what the store holds at
   * the version the write gave the document (each seq.&lt;shard&gt; its number, updatedAt now), as
   * long as no one else wrote it between the read and the write, which is when a batch finds that
   * version again.
   */
  void wrote(
      String capabilityId, Entry read, Map<Integer, Long> numbers, Instant now, Calendar added) {
    if (read == null) {
      return;
    }
    Document seq = new Document(read.version.get("seq", new Document()));
    numbers.forEach((shard, n) -> seq.put(String.valueOf(shard), n));
    Document version = new Document(read.version);
    version.put("seq", seq);
    version.put("updatedAt", Date.from(now));
    Map<String, Document> nets = new ConcurrentHashMap<>(read.nets);
    Map<YearMonth, Document> days = new ConcurrentHashMap<>(read.days);
    Map<YearMonth, Map<String, Long>> netChanges = new HashMap<>();
    Map<YearMonth, Map<LocalDate, Map<String, Long>>> dayChanges = new HashMap<>();
    added
        .changes()
        .forEach(
            (day, counters) ->
                counters.forEach(
                    (k, v) -> {
                      YearMonth m = YearMonth.from(day);
                      netChanges.computeIfAbsent(m, x -> new HashMap<>()).merge(k, v, Long::sum);
                      dayChanges
                          .computeIfAbsent(m, x -> new HashMap<>())
                          .computeIfAbsent(day, x -> new HashMap<>())
                          .merge(k, v, Long::sum);
                    }));
    // a month known (or known absent) takes the changes; one not known is read when needed
    netChanges.forEach(
        (m, changes) -> {
          String id = CoverageCalendar.monthId(capabilityId, m);
          Document old = nets.get(id);
          if (old != null) {
            nets.put(id, plus(old, changes));
          }
        });
    dayChanges.forEach(
        (m, byDay) -> {
          Document old = days.get(m);
          if (old == null) {
            return;
          }
          Document all = new Document(old.get(MonthDays.DAYS, new Document()));
          byDay.forEach(
              (day, changes) ->
                  all.put(day.toString(), plus(all.get(day.toString(), new Document()), changes)));
          days.put(m, new Document(MonthDays.DAYS, all));
        });
    entries.put(capabilityId, new Entry(version, nets, days));
  }

  private static Document plus(Document counters, Map<String, Long> changes) {
    Document sum = new Document(counters);
    changes.forEach(
        (k, v) -> sum.put(k, (sum.get(k) == null ? 0L : ((Number) sum.get(k)).longValue()) + v));
    return sum;
  }

  private static String capabilityOf(String monthId) {
    return monthId.substring(0, monthId.lastIndexOf('|'));
  }

  private synchronized void count(int hit, int miss) {
    hits += hit;
    misses += miss;
  }

  /** Months served from memory and read from the store since start. */
  synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }
}
