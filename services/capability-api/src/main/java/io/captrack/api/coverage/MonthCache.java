package io.captrack.api.coverage;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import io.captrack.platform.readmodel.CoverageCalendar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bson.Document;

/**
 * The month documents ({@link CoverageCalendar}) queries have read, kept in memory while their
 * capability's document is unchanged. A capability's document changes with every batch that writes
 * any of its month documents, after them ({@link CoverageCalendar#version}), and queries always
 * read the capability documents afresh: a month read for one version of its capability is served
 * only to a query that found that same version, so an answer from memory is the answer the store
 * would give. Capability documents without a version (not written by a projector) are never cached.
 * Per capability and version it keeps the net change of every month read and at most {@value
 * #FULL_MONTHS} whole month documents (each day's changes), the most recently read; the
 * capabilities of one read-model generation only.
 *
 * <p>Counted in {@code captrack_api_month_cache_total{result=hit|miss}} (month documents served
 * from memory, read from the store).
 */
final class MonthCache {

  /** Whole month documents kept per capability: two years of a series and then some. */
  static final int FULL_MONTHS = 36;

  private static final Document ABSENT = new Document();

  private static final class Entry {
    private final Document version;
    private final Map<String, Document> nets = new HashMap<>();
    private final Map<String, Document> full =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Document> eldest) {
            return size() > FULL_MONTHS;
          }
        };

    private Entry(Document version) {
      this.version = version;
    }
  }

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private volatile String namespace;

  MonthCache(MeterRegistry meters) {
    this.hits =
        Counter.builder("captrack.api.month.cache")
            .description("Month documents of coverage served from memory or read from the store")
            .tag("result", "hit")
            .register(meters);
    this.misses =
        Counter.builder("captrack.api.month.cache")
            .description("Month documents of coverage served from memory or read from the store")
            .tag("result", "miss")
            .register(meters);
  }

  /**
   * The capability documents as {@link CoverageCalendar#read} gives them, the month documents' net
   * changes served from memory where their capability's version is the one read now.
   */
  List<Document> read(
      MongoCollection<Document> coverage,
      MongoCollection<Document> months,
      List<Document> heads,
      java.time.YearMonth from) {
    Map<String, Entry> current = entriesOf(coverage, heads);
    return CoverageCalendar.withMonths(
        coverage,
        heads,
        from,
        ids ->
            served(current, ids, e -> e.nets, missing -> CoverageCalendar.nets(months, missing)));
  }

  /**
   * Whole month documents by id among {@code ids} (each {@code <capabilityId>|<yyyy-MM>}) of
   * capabilities whose documents the query read ({@code heads}); those that exist.
   */
  Map<String, Document> months(
      MongoCollection<Document> coverage,
      MongoCollection<Document> months,
      List<Document> heads,
      Collection<String> ids) {
    return served(
        entriesOf(coverage, heads),
        ids,
        e -> e.full,
        missing -> {
          Map<String, Document> read = new HashMap<>();
          months.find(in("_id", missing)).forEach(d -> read.put(d.getString("_id"), d));
          return read;
        });
  }

  /**
   * Month documents (or their net changes) by id, those that exist: from the memory {@code kept}
   * picks out of each capability's entry where it has them, the others read and kept there (a month
   * read and not found as known absent).
   */
  private Map<String, Document> served(
      Map<String, Entry> current,
      Collection<String> ids,
      Function<Entry, Map<String, Document>> kept,
      Function<List<String>, Map<String, Document>> read) {
    Map<String, Document> found = new HashMap<>();
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      Entry e = current.get(capabilityOf(id));
      Document month = null;
      if (e != null) {
        synchronized (e) {
          month = kept.apply(e).get(id);
        }
      }
      if (month == null) {
        missing.add(id);
      } else if (month != ABSENT) {
        found.put(id, month);
      }
    }
    count(ids.size() - missing.size(), missing.size());
    Map<String, Document> fresh = missing.isEmpty() ? Map.of() : read.apply(missing);
    for (String id : missing) {
      Document month = fresh.get(id);
      Entry e = current.get(capabilityOf(id));
      if (e != null) {
        synchronized (e) {
          kept.apply(e).put(id, month == null ? ABSENT : month);
        }
      }
      if (month != null) {
        found.put(id, month);
      }
    }
    return found;
  }

  /**
   * The entry of each capability among {@code heads} for the version read now: kept when its
   * version is the cached one, begun afresh when it changed; none for a document without version.
   */
  private Map<String, Entry> entriesOf(MongoCollection<Document> coverage, List<Document> heads) {
    String ns = coverage.getNamespace().getFullName();
    if (!ns.equals(namespace)) {
      // another generation answers now: the old one's months are never asked for again
      entries.clear();
      namespace = ns;
    }
    Map<String, Entry> current = new HashMap<>();
    for (Document head : heads) {
      String id = head.getString("_id");
      Document version = CoverageCalendar.version(head);
      if (version == null) {
        entries.remove(ns + "/" + id);
        continue;
      }
      current.put(
          id,
          entries.compute(
              ns + "/" + id,
              (k, e) -> e != null && e.version.equals(version) ? e : new Entry(version)));
    }
    return current;
  }

  private static String capabilityOf(String monthId) {
    return monthId.substring(0, monthId.lastIndexOf('|'));
  }

  private void count(int hit, int miss) {
    hits.increment(hit);
    misses.increment(miss);
  }
}
