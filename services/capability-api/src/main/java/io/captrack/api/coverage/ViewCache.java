package io.captrack.api.coverage;

import io.captrack.platform.readmodel.CoverageCalendar;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.bson.Document;

/**
 * The answers ({@link CoverageView}) computed for a capability's document as a query read it, kept
 * while a query reads the very same document again. An answer is a function of the document and of
 * its month documents, and those change only with a batch that rewrites the document after them
 * ({@link CoverageCalendar#version}), as {@link MonthCache} relies on; a change that does not touch
 * the version (the projector seeding a new name or default target, the day tick) changes the
 * document, so an answer is kept under the document's identity: the document less the fields that
 * change only with a new version or that a query adds ({@link #HEAVY}: the sum of every change, the
 * applied positions, the month nets, the outbox). So a query that wants many answers can read
 * documents less those fields ({@link #LIGHT}) and compute only the answers not kept ({@link
 * #kept}). Documents without a version are never kept. Per capability at most {@value #MAX_DAYS}
 * days, the capabilities of one read-model generation only.
 *
 * <p>Computing an answer was more than half of capability-api's processor samples under the
 * benchmark's queries; counted in {@code captrack_api_view_cache_total{result=hit|miss}}.
 */
final class ViewCache {

  /** Days kept per capability: a series of ten years is 121; then the memory starts over. */
  static final int MAX_DAYS = 256;

  /**
   * The fields of a capability document outside its identity: the projector changes them only in a
   * write that also gives the document a new version (or, for {@code months}, a query adds them).
   * The total and the positions are most of a document's size.
   */
  static final List<String> HEAVY =
      List.of(CoverageCalendar.MONTHS, CoverageCalendar.TOTAL, "applied", "outbox");

  /** A projection of capability documents to their identity. */
  static final Document LIGHT = light();

  private static Document light() {
    Document projection = new Document();
    HEAVY.forEach(f -> projection.append(f, 0));
    return projection;
  }

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
    Document identity = identity(head);
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

  /**
   * The answer kept for a capability's document on a day, given the document as read in generation
   * {@code ns} whole or {@link #LIGHT}: null when none is kept for the document as it is now (a
   * miss, counted when the answer is computed, see {@link #view}).
   */
  CoverageView kept(String ns, Document head, LocalDate day) {
    if (CoverageCalendar.version(head) == null || !ns.equals(namespace)) {
      return null;
    }
    Entry entry = entries.get(ns + "/" + head.getString("_id"));
    if (entry == null || !entry.head().equals(identity(head))) {
      return null;
    }
    CoverageView kept = entry.views().get(day);
    if (kept != null) {
      hits.increment();
    }
    return kept;
  }

  private static Document identity(Document head) {
    Document identity = new Document(head);
    HEAVY.forEach(identity::remove);
    return identity;
  }
}
