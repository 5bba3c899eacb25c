package io.captrack.api.coverage;

import io.captrack.platform.readmodel.CoverageCalendar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The answers ({@link CoverageView}) computed for a capability's document as a query read it, kept
 * while a query reads the very same document again. An answer is a function of the document and of
 * its month documents, and those change only with a batch that rewrites the document after them
 * ({@link CoverageCalendar#version}), as {@link MonthCache} relies on; a change that does not touch
 * the version (the projector seeding a new name or default target) changes the document, so the
 * document whole is compared, less the month nets a query adds to it ({@link
 * CoverageCalendar#MONTHS}, which depend on the query's first month, not on the document).
 * Documents without a version are never kept. Per capability at most {@value #MAX_DAYS} days, the
 * capabilities of one read-model generation only.
 *
 * <p>Computing an answer was more than half of capability-api's processor samples under the
 * benchmark's queries; counted in {@code captrack_api_view_cache_total{result=hit|miss}}.
 */
final class ViewCache {

  /** Days kept per capability: a series of ten years is 121; then the memory starts over. */
  static final int MAX_DAYS = 256;

  private record Entry(Document head, Map<LocalDate, CoverageView> views) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Counter hits;
  private final Counter misses;
  private volatile String namespace;

  ViewCache(MeterRegistry meters) {
    this.hits = counter(meters, "hit");
    this.misses = counter(meters, "miss");
  }

  private static Counter counter(MeterRegistry meters, String result) {
    return Counter.builder("captrack.api.view.cache")
        .description("Answers of coverage served from memory or computed")
        .tag("result", result)
        .register(meters);
  }

  /**
   * The answer for a capability's document ({@code head}, as read in generation {@code ns}, with
   * the month nets {@link CoverageCalendar#withMonths} added) on a day: kept or computed.
   */
  CoverageView view(String ns, Document head, LocalDate day, Supplier<CoverageView> compute) {
    if (CoverageCalendar.version(head) == null) {
      misses.increment();
      return compute.get();
    }
    if (!ns.equals(namespace)) {
      // another generation answers now: the old one's documents are never read again
      entries.clear();
      namespace = ns;
    }
    Document identity = new Document(head);
    identity.remove(CoverageCalendar.MONTHS);
    Entry entry =
        entries.compute(
            ns + "/" + head.getString("_id"),
            (k, e) ->
                e != null && e.head().equals(identity) && e.views().size() < MAX_DAYS
                    ? e
                    : new Entry(identity, new ConcurrentHashMap<>()));
    CoverageView kept = entry.views().get(day);
    if (kept != null) {
      hits.increment();
      return kept;
    }
    misses.increment();
    CoverageView computed = compute.get();
    entry.views().put(day, computed);
    return computed;
  }
}
