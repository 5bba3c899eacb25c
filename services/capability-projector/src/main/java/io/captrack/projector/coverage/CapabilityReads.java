package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.readmodel.MonthDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Reads capability documents with the month documents a batch needs ({@link CoverageCalendar}),
 * taking months from the projector's {@link MonthMemory} where the version read allows, and tells
 * that memory what a batch is about to write and what it wrote.
 */
final class CapabilityReads {

  private final MongoCollection<Document> coverage;
  private final MongoCollection<Document> months;
  private final MonthMemory memory = new MonthMemory();

  CapabilityReads(MongoCollection<Document> coverage, MongoCollection<Document> months) {
    this.coverage = coverage;
    this.months = months;
  }

  /**
   * The capabilities' documents, each with its month documents of the given days (a batch reads
   * today's figures before and after it), the months from memory where the version read allows.
   */
  Map<String, CapabilityState> load(Set<String> ids, Set<LocalDate> days) {
    Map<String, CapabilityState> states = new HashMap<>();
    if (ids.isEmpty()) {
      return states;
    }
    TreeSet<YearMonth> wanted = new TreeSet<>();
    days.forEach(d -> wanted.add(YearMonth.from(d)));
    List<Document> heads = CoverageCalendar.heads(coverage, in("_id", ids), new Document("_id", 1));
    Map<String, MonthMemory.Entry> known = new HashMap<>();
    List<String> headIds = new ArrayList<>();
    for (Document head : heads) {
      headIds.add(head.getString("_id"));
      MonthMemory.Entry e = memory.entry(head);
      if (e != null) {
        known.put(head.getString("_id"), e);
      }
    }
    CoverageCalendar.withMonths(
        coverage,
        heads,
        wanted.first(),
        memory.nets(known, monthIds -> CoverageCalendar.nets(months, monthIds)));
    Map<String, Map<YearMonth, Document>> read =
        memory.days(
            headIds,
            known,
            wanted,
            monthIds -> {
              Map<String, Document> found = new HashMap<>();
              months
                  .find(in("_id", monthIds))
                  .projection(MonthDays.DAYS_ONLY)
                  .forEach(d -> found.put(d.getString("_id"), d));
              return found;
            });
    for (Document head : heads) {
      String id = head.getString("_id");
      CapabilityState state = CoverageDocuments.state(head, StoredCoverage.of(head, read.get(id)));
      state.remember(known.get(id));
      states.put(id, state);
    }
    return states;
  }

  /** What memory knows of these capabilities' months is wrong until their documents are written. */
  void writing(Collection<CapabilityState> capabilities) {
    memory.forget(capabilities.stream().map(CapabilityState::capabilityId).toList());
  }

  /**
   * A batch (its number for each of its shards in {@code numbers}) wrote the capability's document
   * at {@code now}.
   */
  void wrote(CapabilityState c, Map<Integer, Long> numbers, Instant now) {
    memory.wrote(c.capabilityId(), c.remembered(), numbers, now, c.added());
  }

  /** Months served from memory and read from MongoDB since start. */
  long[] monthHitsAndMisses() {
    return memory.hitsAndMisses();
  }
}
