package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.schemas.Channel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The read model in MongoDB: {@code coverage} (one document per capability) and {@code holdings}
 * (one per person and capability). Coverage documents are written before holdings, so that after a
 * crash between the two a redelivered record is skipped by coverage and applied to holdings.
 */
@Component
public class CoverageStore {

  public static final String COVERAGE = "coverage";
  public static final String HOLDINGS = "holdings";

  private final MongoCollection<Document> coverage;
  private final MongoCollection<Document> holdings;
  private final Outbox outbox;

  CoverageStore(MongoDatabase database, Outbox outbox) {
    this.coverage = database.getCollection(COVERAGE);
    this.holdings = database.getCollection(HOLDINGS);
    this.outbox = outbox;
  }

  /** Creates a coverage document for every capability of the taxonomy, keeping existing figures. */
  public void seed(Taxonomy taxonomy) {
    for (Taxonomy.Capability c : taxonomy.capabilities()) {
      coverage.updateOne(
          eq("_id", c.id()),
          Updates.combine(
              Updates.set("name", c.name()),
              Updates.set("area", c.area()),
              Updates.set(
                  "target",
                  new Document("level", c.target().level())
                      .append("headcount", c.target().headcount())
                      .append("fte", c.target().fte().doubleValue())),
              Updates.setOnInsert("holders", 0),
              Updates.setOnInsert("partnerFteCenti", 0L)),
          new UpdateOptions().upsert(true));
    }
  }

  Map<String, CapabilityState> loadCapabilities(Set<String> ids) {
    Map<String, CapabilityState> states = new HashMap<>();
    for (Document d : coverage.find(in("_id", ids))) {
      states.put(d.getString("_id"), state(d));
    }
    return states;
  }

  Map<String, Holding> loadHoldings(Set<String> ids) {
    Map<String, Holding> loaded = new HashMap<>();
    for (Document d : holdings.find(in("_id", ids))) {
      Map<String, Holding.Source> sources = new HashMap<>();
      Document s = d.get("sources", new Document());
      for (String partition : s.keySet()) {
        Document src = s.get(partition, Document.class);
        sources.put(
            partition,
            new Holding.Source(
                src.getInteger("level"),
                Channel.valueOf(src.getString("channel")),
                LocalDate.parse(src.getString("since")),
                src.get("offset", Number.class).longValue()));
      }
      Holding h = new Holding(d.getString("personRef"), d.getString("capabilityId"), sources);
      loaded.put(h.id(), h);
    }
    return loaded;
  }

  /** Writes a batch's effects: coverage documents with their change events, then holdings. */
  void write(ProjectionBatch batch, Instant now) {
    for (CapabilityState c : batch.dirtyCapabilities()) {
      outbox.update(
          coverage,
          eq("_id", c.capabilityId()),
          coverageUpdate(c, now),
          c.changes(),
          new UpdateOptions().upsert(true));
    }
    List<ReplaceOneModel<Document>> writes = new ArrayList<>();
    for (Holding h : batch.dirtyHoldings()) {
      writes.add(
          new ReplaceOneModel<>(
              eq("_id", h.id()), holdingDocument(h), new ReplaceOptions().upsert(true)));
    }
    if (!writes.isEmpty()) {
      holdings.bulkWrite(writes);
    }
  }

  private static Bson coverageUpdate(CapabilityState c, Instant now) {
    List<Bson> updates = new ArrayList<>();
    Figures stored = c.stored();
    Figures current = c.current();
    if (current.holders() != stored.holders()) {
      updates.add(Updates.inc("holders", current.holders() - stored.holders()));
    }
    incDiff(updates, "holdersByLevel", stored.byLevel(), current.byLevel());
    incDiff(updates, "holdersByChannel", stored.byChannel(), current.byChannel());
    if (current.partnerFteCenti() != stored.partnerFteCenti()) {
      updates.add(
          Updates.inc("partnerFteCenti", current.partnerFteCenti() - stored.partnerFteCenti()));
    }
    c.touchedPositions().forEach((p, o) -> updates.add(Updates.set("applied." + p, o)));
    c.touchedAgreements()
        .forEach(
            (id, a) ->
                updates.add(
                    Updates.set(
                        "agreements." + id,
                        new Document("partnerId", a.partnerId())
                            .append("fteCenti", a.fteCenti())
                            .append("from", a.from().toString())
                            .append("to", a.to() == null ? null : a.to().toString()))));
    updates.add(Updates.set("updatedAt", Date.from(now)));
    return Updates.combine(updates);
  }

  private static void incDiff(
      List<Bson> updates, String field, Map<String, Integer> before, Map<String, Integer> after) {
    Set<String> keys = new java.util.TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    for (String k : keys) {
      int delta = after.getOrDefault(k, 0) - before.getOrDefault(k, 0);
      if (delta != 0) {
        updates.add(Updates.inc(field + "." + k, delta));
      }
    }
  }

  private static Document holdingDocument(Holding h) {
    Document sources = new Document();
    h.sources()
        .forEach(
            (p, s) ->
                sources.append(
                    p,
                    new Document("level", s.level())
                        .append("channel", s.channel().name())
                        .append("since", s.since().toString())
                        .append("offset", s.offset())));
    Document doc =
        new Document("_id", h.id())
            .append("personRef", h.personRef())
            .append("capabilityId", h.capabilityId())
            .append("sources", sources);
    h.contribution()
        .ifPresent(c -> doc.append("level", c.level()).append("channel", c.channel().name()));
    return doc;
  }

  private static CapabilityState state(Document d) {
    Map<String, Long> applied = new HashMap<>();
    d.get("applied", new Document()).forEach((k, v) -> applied.put(k, ((Number) v).longValue()));
    Map<String, AgreementShare> agreements = new HashMap<>();
    d.get("agreements", new Document())
        .forEach(
            (k, v) -> {
              Document a = (Document) v;
              String to = a.getString("to");
              agreements.put(
                  k,
                  new AgreementShare(
                      a.getString("partnerId"),
                      a.get("fteCenti", Number.class).longValue(),
                      LocalDate.parse(a.getString("from")),
                      to == null ? null : LocalDate.parse(to)));
            });
    return new CapabilityState(d.getString("_id"), figures(d), applied, agreements);
  }

  /** The figures stored in a coverage document; zero counters are left out. */
  static Figures figures(Document d) {
    return new Figures(
        ((Number) d.getOrDefault("holders", 0)).intValue(),
        counters(d.get("holdersByLevel", new Document())),
        counters(d.get("holdersByChannel", new Document())),
        ((Number) d.getOrDefault("partnerFteCenti", 0L)).longValue());
  }

  private static Map<String, Integer> counters(Document d) {
    Map<String, Integer> counts = new HashMap<>();
    d.forEach(
        (k, v) -> {
          int n = ((Number) v).intValue();
          if (n != 0) {
            counts.put(k, n);
          }
        });
    return counts;
  }
}
