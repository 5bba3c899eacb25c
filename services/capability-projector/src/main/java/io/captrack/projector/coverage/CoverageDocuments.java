package io.captrack.projector.coverage;

import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.platform.readmodel.CoverageCalendar;
import io.captrack.platform.readmodel.MonthDays;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * A capability's coverage document and its month documents ({@link CoverageCalendar}): read into a
 * {@link CapabilityState}, and a batch's updates to them.
 */
final class CoverageDocuments {

  private CoverageDocuments() {}

  /**
   * A batch's changes to one capability document: their sum into the total, the latest month,
   * positions, targets (a document created before totals also each month's net change). Its month
   * documents take the changes by day and the month's net change ({@link #monthUpdates}).
   */
  static Bson update(CapabilityState c, Instant now) {
    List<Bson> updates = new ArrayList<>();
    TreeMap<YearMonth, Map<String, Long>> totals = new TreeMap<>();
    c.added()
        .changes()
        .forEach(
            (day, counters) ->
                counters.forEach(
                    (k, v) ->
                        totals
                            .computeIfAbsent(YearMonth.from(day), m -> new TreeMap<>())
                            .merge(k, v, Long::sum)));
    Map<String, Long> total = new TreeMap<>();
    boolean older = !c.keepsTotal();
    totals.forEach(
        (month, counters) ->
            counters.forEach(
                (k, v) -> {
                  if (v != 0 && older) {
                    // its readers sum these: the total it has is only what was added since
                    updates.add(Updates.inc(CoverageCalendar.MONTHS + "." + month + "." + k, v));
                  }
                  total.merge(k, v, Long::sum);
                }));
    total.values().removeIf(v -> v == 0);
    total.forEach((k, v) -> updates.add(Updates.inc(CoverageCalendar.TOTAL + "." + k, v)));
    if (!totals.isEmpty()) {
      if (total.isEmpty()) {
        // the total exists from a capability's first change on, even one that nets to zero (one
        // $inc per path: a second on the same path would replace the first)
        updates.add(Updates.inc(CoverageCalendar.TOTAL + ".holders", 0L));
      }
      updates.add(Updates.max(CoverageCalendar.LATEST_MONTH, totals.lastKey().toString()));
    }
    c.touchedPositions().forEach((p, o) -> updates.add(Updates.max("applied." + p, o)));
    c.addedTargets()
        .forEach(
            (eventId, t) ->
                updates.add(
                    Updates.set(
                        "targets." + eventId.replace('.', '_'),
                        new Document("from", t.from().toString())
                            .append("recordedAt", t.recordedAt())
                            .append("level", t.target().level())
                            .append("headcount", t.target().headcount())
                            .append("fteCenti", t.target().fteCenti()))));
    updates.add(Updates.set("updatedAt", Date.from(now)));
    return Updates.combine(updates);
  }

  /**
   * A batch into the capability's month documents: one update per month it changed (its days'
   * changes and its net change), each recording the batch number of every shard it holds ({@code
   * numbers}: shard to number) in {@code seq.<shard>}. {@code guarded} (completing a batch that may
   * have reached some of them) applies it only where each {@code seq.<shard>} is below its number
   * (an upsert that meets a document which has the batch already fails on its id, see {@link
   * CoverageStore#monthWrites}); unguarded, the filter is the id alone.
   */
  static List<UpdateOneModel<Document>> monthUpdates(
      CapabilityState c, Map<Integer, Long> numbers, boolean guarded) {
    Map<YearMonth, MonthUpdate> byMonth = new TreeMap<>();
    c.added()
        .changes()
        .forEach(
            (day, counters) ->
                counters.forEach(
                    (k, v) -> {
                      MonthUpdate m =
                          byMonth.computeIfAbsent(YearMonth.from(day), x -> new MonthUpdate());
                      m.days.put(MonthDays.dayCounter(day, k), v);
                      m.net.merge(k, v, Long::sum);
                    }));
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    byMonth.forEach(
        (month, m) -> {
          String id = CoverageCalendar.monthId(c.capabilityId(), month);
          writes.add(
              new UpdateOneModel<>(
                  guarded ? unlessApplied(id, numbers) : Encoded.byId(id),
                  m.encode(c.capabilityId(), month, numbers),
                  new UpdateOptions().upsert(true)));
        });
    return writes;
  }

  /** One month document's changes: by day and counter, and the month's net change. */
  private static final class MonthUpdate {
    final Map<String, Long> days = new LinkedHashMap<>();
    final Map<String, Long> net = new TreeMap<>();

    /**
     * {@code {$inc: {<day counter>: v, ..., net.<counter>: v, ...}, $set: {seq.<shard>: n, ...},
     * $setOnInsert: {capabilityId, month}}}, written straight to BSON: a batch sends hundreds of
     * these, and rendering them through update builders was the largest share of what encoding a
     * batch's writes allocated.
     */
    RawBsonDocument encode(String capabilityId, YearMonth month, Map<Integer, Long> numbers) {
      BasicOutputBuffer buffer = new BasicOutputBuffer(64 + 24 * (days.size() + net.size()));
      try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
        writer.writeStartDocument();
        writer.writeStartDocument("$inc");
        days.forEach(writer::writeInt64);
        net.forEach(
            (k, v) -> {
              if (v != 0) {
                writer.writeInt64(CoverageCalendar.NET + "." + k, v);
              }
            });
        writer.writeEndDocument();
        if (!numbers.isEmpty()) {
          writer.writeStartDocument("$set");
          numbers.forEach((shard, n) -> writer.writeInt64("seq." + shard, n));
          writer.writeEndDocument();
        }
        writer.writeStartDocument("$setOnInsert");
        writer.writeString("capabilityId", capabilityId);
        writer.writeString("month", month.toString());
        writer.writeEndDocument();
        writer.writeEndDocument();
      }
      return new RawBsonDocument(buffer.toByteArray());
    }
  }

  /** Sets {@code seq.<shard>} to each shard's batch number. */
  static Bson seqs(Map<Integer, Long> numbers) {
    List<Bson> sets = new ArrayList<>();
    numbers.forEach((shard, n) -> sets.add(Updates.set("seq." + shard, n)));
    return Updates.combine(sets);
  }

  /**
   * The filter of a document by id that has taken none of the batches {@code numbers} names (shard
   * to number) yet. Written with {@code _id} at the top level, not under {@code $and}, so that a
   * server (the stand-in included) looks the document up by its id instead of scanning the
   * collection. A batch's shards reach a document in one update, so a document has all of them or
   * none (see {@link BatchWriter}).
   */
  static Document unlessApplied(String id, Map<Integer, Long> numbers) {
    List<Document> each = new ArrayList<>();
    numbers.forEach(
        (shard, n) -> {
          String seq = "seq." + shard;
          each.add(
              new Document(
                  "$or",
                  List.of(
                      new Document(seq, new Document("$exists", false)),
                      new Document(seq, new Document("$lt", n)))));
        });
    Document filter = new Document("_id", id);
    if (each.size() == 1) {
      filter.putAll(each.get(0));
    } else {
      filter.append("$and", each);
    }
    return filter;
  }

  static CapabilityState state(Document d, StoredCoverage stored) {
    Map<String, Long> applied = new HashMap<>();
    d.get("applied", new Document()).forEach((k, v) -> applied.put(k, ((Number) v).longValue()));
    Document t = d.get("target", Document.class);
    CapabilityState.Target target =
        t == null
            ? null
            : new CapabilityState.Target(
                t.getInteger("level"),
                t.getInteger("headcount"),
                Math.round(((Number) t.get("fte")).doubleValue() * 100));
    Map<String, CapabilityState.DatedTarget> targets = new HashMap<>();
    d.get("targets", new Document())
        .forEach(
            (id, v) -> {
              Document x = (Document) v;
              targets.put(
                  id,
                  new CapabilityState.DatedTarget(
                      LocalDate.parse(x.getString("from")),
                      x.getString("recordedAt"),
                      new CapabilityState.Target(
                          x.getInteger("level"),
                          x.getInteger("headcount"),
                          ((Number) x.get("fteCenti")).longValue())));
            });
    return new CapabilityState(d.getString("_id"), stored, applied, target, targets);
  }
}
