package io.captrack.api.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.readmodel.CoverageCounters;
import io.captrack.platform.readmodel.MonthDays;
import io.captrack.platform.readmodel.ReadModel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/** Reads coverage documents that capability-projector maintains. */
@Component
class CoverageQueries {

  private final ReadModel readModel;
  private final MonthCache cache;
  private final ViewCache views;

  CoverageQueries(ReadModel readModel, MeterRegistry meters) {
    this.readModel = readModel;
    this.cache = new MonthCache(meters);
    this.views = new ViewCache(meters);
  }

  /** The coverage documents and their month documents of one read-model generation. */
  private record Generation(MongoCollection<Document> coverage, MongoCollection<Document> months) {}

  /** The generation that answers now, read once per query. */
  private Generation current() {
    String g = readModel.state().current();
    return new Generation(
        readModel.collection(g, "coverage"),
        readModel.collection(g, CoverageCalendar.MONTHS_COLLECTION));
  }

  /**
   * Every capability on a day. The documents are read less their heavy fields first ({@link
   * ViewCache#LIGHT}); only those whose answer is not kept are read whole, with their months.
   */
  List<CoverageView> all(LocalDate asOf) {
    Generation g = current();
    String ns = g.coverage().getNamespace().getFullName();
    Map<String, CoverageView> answers = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (Document light :
        g.coverage()
            .find()
            .projection(ViewCache.LIGHT)
            .sort(new Document("_id", 1))
            .into(new ArrayList<>())) {
      String id = light.getString("_id");
      CoverageView kept = views.kept(ns, light, asOf);
      answers.put(id, kept);
      if (kept == null) {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      YearMonth month = YearMonth.from(asOf);
      List<Document> heads = documents(g, in("_id", missing), month);
      Map<String, Document> months = months(g, heads, month, month);
      for (Document d : heads) {
        String id = d.getString("_id");
        answers.put(id, view(g, d, months.get(CoverageCalendar.monthId(id, month)), asOf));
      }
    }
    return answers.values().stream().filter(Objects::nonNull).toList();
  }

  Optional<CoverageView> one(String capabilityId, LocalDate asOf) {
    YearMonth month = YearMonth.from(asOf);
    Generation g = current();
    return document(g, capabilityId, month)
        .map(
            d ->
                view(
                    g,
                    d,
                    months(g, List.of(d), month, month)
                        .get(CoverageCalendar.monthId(capabilityId, month)),
                    asOf));
  }

  /** The capability's figures on the first day of every month from {@code from} to {@code to}. */
  Optional<List<CoverageView>> monthly(String capabilityId, YearMonth from, YearMonth to) {
    Generation g = current();
    return document(g, capabilityId, from)
        .map(
            d -> {
              Map<String, Document> months = months(g, List.of(d), from, to);
              List<CoverageView> series = new ArrayList<>();
              for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                series.add(
                    view(g, d, months.get(CoverageCalendar.monthId(capabilityId, m)), m.atDay(1)));
              }
              return series;
            });
  }

  /** Inflows and outflows per channel for each month from {@code from} to {@code to}. */
  Optional<List<Flows>> flows(String capabilityId, YearMonth from, YearMonth to) {
    Generation g = current();
    return document(g, capabilityId, to.plusMonths(1))
        .map(
            d -> {
              Map<String, Document> months = months(g, List.of(d), from, to);
              List<Flows> flows = new ArrayList<>();
              for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
                Map<String, Long> in = new TreeMap<>();
                Map<String, Long> out = new TreeMap<>();
                MonthDays.days(months.get(CoverageCalendar.monthId(capabilityId, m)))
                    .values()
                    .forEach(
                        changes ->
                            changes.forEach(
                                (k, n) -> {
                                  if (CoverageCounters.isChannel(k) && n > 0) {
                                    in.merge(k, n, Long::sum);
                                  } else if (CoverageCounters.isChannel(k) && n < 0) {
                                    out.merge(k, -n, Long::sum);
                                  }
                                }));
                flows.add(new Flows(m, in, out));
              }
              return flows;
            });
  }

  /** The capability's document with the months that reading from {@code from} on needs. */
  private Optional<Document> document(Generation g, String capabilityId, YearMonth from) {
    return documents(g, eq("_id", capabilityId), from).stream().findFirst();
  }

  /**
   * Capability documents, read afresh, with the months that reading from {@code from} on needs
   * ({@link CoverageCalendar#read}), those unchanged since an earlier query from memory.
   */
  private List<Document> documents(Generation g, Bson filter, YearMonth from) {
    return cache.read(
        g.coverage(),
        g.months(),
        CoverageCalendar.heads(g.coverage(), filter, new Document("_id", 1)),
        from);
  }

  /** The month documents of the capabilities read from one month to another, by id. */
  private Map<String, Document> months(
      Generation g, List<Document> heads, YearMonth from, YearMonth to) {
    List<String> ids = new ArrayList<>();
    for (Document head : heads) {
      for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
        ids.add(CoverageCalendar.monthId(head.getString("_id"), m));
      }
    }
    return cache.months(g.coverage(), g.months(), heads, ids);
  }

  /** The answer for a capability's document on a day, from memory when the same was read before. */
  private CoverageView view(Generation g, Document d, Document month, LocalDate asOf) {
    return views.view(
        g.coverage().getNamespace().getFullName(),
        d,
        asOf,
        () -> CoverageViews.view(d, month, asOf));
  }
}
