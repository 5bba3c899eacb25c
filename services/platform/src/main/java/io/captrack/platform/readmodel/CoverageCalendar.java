package io.captrack.platform.readmodel;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * How a capability's calendar (its figures as changes by effective day) is stored, MongoDB's bucket
 * pattern: one document per capability and month in {@value #MONTHS_COLLECTION} (id {@code
 * <capabilityId>|<yyyy-MM>}) with the changes of each day as fields of its own ({@code
 * <dd>|<counter>}, {@link MonthDays}) and their sum ({@code net.<counter>}); the capability's own
 * document keeps the sum of every change ({@code total.<counter>}) and the latest month with a
 * change ({@code latestMonth}). The figures on a day are the total less the net changes of the
 * months from the day's month on, plus the changes of its month up to the day: the capability's
 * document and its month documents from that month to the latest ({@link #read}), however long the
 * history. capability-projector writes this layout and capability-api reads it. Capability
 * documents created before totals hold each month's net change themselves ({@code
 * months.<yyyy-MM>.<counter>}, no {@link #KEEPS_TOTAL}) and are read by summing them.
 */
public final class CoverageCalendar {

  /** The collection of month documents, beside {@code coverage}. */
  public static final String MONTHS_COLLECTION = "coverage_months";

  /**
   * The field of a capability document, written before it kept its total, with each month's net
   * change; {@link #read} fills it in for every document with the months a reading needs.
   */
  public static final String MONTHS = "months";

  /** The field of a month document with the month's net change (the sum of its days). */
  public static final String NET = "net";

  /** The field of a capability document with the sum of every month's net change. */
  public static final String TOTAL = "total";

  /**
   * The field (true) of a capability document whose total was kept from its creation on. A document
   * created before totals existed (an older projector's generation) lacks it: readers then sum its
   * months, whatever total a newer projector has added to it since.
   */
  public static final String KEEPS_TOTAL = "keepsTotal";

  /** The field of a capability document with the latest month that has a change (yyyy-MM). */
  public static final String LATEST_MONTH = "latestMonth";

  /** A capability document's outbox, never read here. */
  private static final String OUTBOX = "outbox";

  private CoverageCalendar() {}

  /** The id of a capability's month document. */
  public static String monthId(String capabilityId, YearMonth month) {
    return capabilityId + "|" + month;
  }

  /**
   * The counters on a day, zeros left out.
   *
   * @param capability the capability's document
   * @param month the document of the day's month, or null when it has none
   */
  public static Map<String, Long> countersOn(Document capability, Document month, LocalDate day) {
    Map<String, Long> sum = openingOf(capability, YearMonth.from(day));
    MonthDays.days(month)
        .headMap(day, true)
        .values()
        .forEach(changes -> changes.forEach((k, v) -> sum.merge(k, v, Long::sum)));
    sum.values().removeIf(v -> v == 0);
    return sum;
  }

  /**
   * The same for the counters {@code wanted} accepts only, zeros left out. A capability's total
   * holds thousands of counters (one per partner lending it, one per time to capability) where its
   * figures read a dozen: summing only those costs a look at each key, not a sum of each.
   */
  public static Map<String, Long> countersOn(
      Document capability, Document month, LocalDate day, Predicate<String> wanted) {
    Map<String, Long> sum = openingOf(capability, YearMonth.from(day), wanted);
    if (month != null) {
      int last = day.getDayOfMonth();
      MonthDays.forEachChange(
          month,
          (dayOfMonth, counter, change) -> {
            if (dayOfMonth <= last && wanted.test(counter)) {
              sum.merge(counter, change, Long::sum);
            }
          });
    }
    sum.values().removeIf(v -> v == 0);
    return sum;
  }

  private static void add(
      Map<String, Long> sum, Document counters, Predicate<String> wanted, int sign) {
    counters.forEach(
        (k, v) -> {
          if (wanted.test(k)) {
            sum.merge(k, sign * ((Number) v).longValue(), Long::sum);
          }
        });
  }

  /**
   * The counters on the first day of a month: the total less the months from that month on (a
   * document that has not kept its total since its creation sums the months before it instead).
   *
   * @param capability the capability's document as {@link #read} returns it for that month or one
   *     before it
   */
  public static Map<String, Long> openingOf(Document capability, YearMonth month) {
    return openingOf(capability, month, counter -> true);
  }

  /** The same for the counters {@code wanted} accepts only. */
  private static Map<String, Long> openingOf(
      Document capability, YearMonth month, Predicate<String> wanted) {
    Map<String, Long> sum = new HashMap<>();
    Document total = keepsTotal(capability) ? capability.get(TOTAL, new Document()) : null;
    if (total != null) {
      add(sum, total, wanted, 1);
    }
    capability
        .get(MONTHS, new Document())
        .forEach(
            (m, totals) -> {
              boolean before = YearMonth.parse(m).isBefore(month);
              if (total == null && before) {
                add(sum, (Document) totals, wanted, 1);
              } else if (total != null && !before) {
                add(sum, (Document) totals, wanted, -1);
              }
            });
    return sum;
  }

  /**
   * Capability documents (without their outbox), each with the months that reading any day from
   * {@code from} on needs under {@link #MONTHS}: for a document that keeps its total, the net
   * change ({@link #NET}) of its month documents from {@code from} to its latest month, looked up
   * by id; for an older one, every month its document holds. Two or three queries, in the order of
   * the first; no other month is read.
   */
  public static List<Document> read(
      MongoCollection<Document> coverage,
      MongoCollection<Document> months,
      Bson filter,
      Bson sort,
      YearMonth from) {
    return withMonths(coverage, heads(coverage, filter, sort), from, ids -> nets(months, ids));
  }

  /** Capability documents without their outbox and without {@link #MONTHS}, in order. */
  public static List<Document> heads(MongoCollection<Document> coverage, Bson filter, Bson sort) {
    return coverage
        .find(filter)
        .projection(new Document(MONTHS, 0).append(OUTBOX, 0))
        .sort(sort)
        .into(new ArrayList<>());
  }

  /** The net change ({@link #NET}) of each month document among {@code ids} that exists, by id. */
  public static Map<String, Document> nets(
      MongoCollection<Document> months, Collection<String> ids) {
    Map<String, Document> found = new HashMap<>();
    if (!ids.isEmpty()) {
      months
          .find(Filters.in("_id", ids))
          .projection(new Document(NET, 1))
          .forEach(d -> found.put(d.getString("_id"), d.get(NET, new Document())));
    }
    return found;
  }

  /**
   * Fills in {@link #MONTHS} of capability documents from {@link #heads} for reading any day from
   * {@code from} on, as {@link #read} does, taking the net changes of month documents from {@code
   * nets} (given month ids, the net change of those that exist).
   */
  public static List<Document> withMonths(
      MongoCollection<Document> coverage,
      List<Document> heads,
      YearMonth from,
      Function<List<String>, Map<String, Document>> nets) {
    Map<Object, Document> read = new HashMap<>();
    List<String> monthIds = new ArrayList<>();
    Map<String, String[]> owners = new HashMap<>();
    List<Object> whole = new ArrayList<>();
    for (Document head : heads) {
      String id = head.getString("_id");
      if (!keepsTotal(head)) {
        whole.add(id);
        continue;
      }
      read.put(id, new Document());
      String latest = head.getString(LATEST_MONTH);
      if (latest != null) {
        for (YearMonth m = from; !m.isAfter(YearMonth.parse(latest)); m = m.plusMonths(1)) {
          String monthId = monthId(id, m);
          monthIds.add(monthId);
          owners.put(monthId, new String[] {id, m.toString()});
        }
      }
    }
    if (!monthIds.isEmpty()) {
      nets.apply(monthIds)
          .forEach(
              (monthId, net) -> {
                String[] owner = owners.get(monthId);
                if (owner != null) {
                  read.get(owner[0]).put(owner[1], net);
                }
              });
    }
    if (!whole.isEmpty()) {
      coverage
          .find(Filters.in("_id", whole))
          .projection(new Document(MONTHS, 1))
          .forEach(d -> read.put(d.get("_id"), d.get(MONTHS, new Document())));
    }
    heads.forEach(h -> h.put(MONTHS, read.getOrDefault(h.get("_id"), new Document())));
    return heads;
  }

  /**
   * What changes whenever the capability's figures or any of its month documents changed: the last
   * batch of each shard it took ({@code seq}) and when ({@code updatedAt}), which capability-
   * projector sets with every write of the document, after writing the batch's month documents.
   * Null for a document without them (not written by a projector), which a reader cannot tell apart
   * from an earlier state.
   */
  public static Document version(Document capability) {
    Object seq = capability.get("seq");
    Object updatedAt = capability.get("updatedAt");
    if (seq == null || updatedAt == null) {
      return null;
    }
    return new Document("seq", seq).append("updatedAt", updatedAt);
  }

  private static boolean keepsTotal(Document capability) {
    return Boolean.TRUE.equals(capability.get(KEEPS_TOTAL));
  }
}
