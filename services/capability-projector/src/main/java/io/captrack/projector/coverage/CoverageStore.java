package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.Expiry;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.RequisitionHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The read model in MongoDB: {@code coverage} (one document per capability, its holders as a
 * calendar of changes by effective date), {@code people} and {@code partners} (each one's events,
 * from which holdings and lent capacity are derived) and {@code event_owners} (which person an
 * event concerns, for voids). Coverage documents are written first, so that after a crash in
 * between a redelivered record is skipped by coverage and applied to people.
 */
public class CoverageStore {

  public static final String COVERAGE = "coverage";
  public static final String PEOPLE = "people";
  public static final String OWNERS = "event_owners";
  public static final String PARTNERS = "partners";
  public static final String EXPIRIES = "expiries";
  public static final String REQUISITIONS = "requisitions";

  private final MongoCollection<Document> coverage;
  private final MongoCollection<Document> people;
  private final MongoCollection<Document> owners;
  private final MongoCollection<Document> partners;
  private final MongoCollection<Document> expiries;
  private final MongoCollection<Document> requisitions;
  private final Outbox outbox;
  private final StoredEvents stored;

  /** The read model of one generation (see {@link ReadModel}). */
  public CoverageStore(
      MongoDatabase database, String generation, Outbox outbox, CloudEventCodec codec) {
    this.coverage = database.getCollection(ReadModel.name(generation, COVERAGE));
    this.people = database.getCollection(ReadModel.name(generation, PEOPLE));
    this.owners = database.getCollection(ReadModel.name(generation, OWNERS));
    this.partners = database.getCollection(ReadModel.name(generation, PARTNERS));
    this.expiries = database.getCollection(ReadModel.name(generation, EXPIRIES));
    this.requisitions = database.getCollection(ReadModel.name(generation, REQUISITIONS));
    this.outbox = outbox;
    this.stored = new StoredEvents(codec);
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
              Updates.setOnInsert("applied", new Document())),
          new UpdateOptions().upsert(true));
    }
  }

  Map<String, String> loadOwners(Set<String> eventIds) {
    Map<String, String> found = new HashMap<>();
    if (!eventIds.isEmpty()) {
      owners
          .find(in("_id", eventIds))
          .forEach(d -> found.put(d.getString("_id"), d.getString("personRef")));
    }
    return found;
  }

  Map<String, PersonHistory> loadPeople(Set<String> personRefs) {
    Map<String, PersonHistory> loaded = new HashMap<>();
    if (personRefs.isEmpty()) {
      return loaded;
    }
    for (Document d : people.find(in("_id", personRefs))) {
      PersonHistory history = new PersonHistory();
      for (Document e : d.getList("events", Document.class, List.of())) {
        history.add(stored.decode(e));
      }
      loaded.put(d.getString("_id"), history);
    }
    return loaded;
  }

  Map<String, PartnerHistory> loadPartners(Set<String> partnerIds) {
    Map<String, PartnerHistory> loaded = new HashMap<>();
    if (partnerIds.isEmpty()) {
      return loaded;
    }
    for (Document d : partners.find(in("_id", partnerIds))) {
      PartnerHistory history = new PartnerHistory(d.getString("_id"));
      for (Document e : d.getList("events", Document.class, List.of())) {
        history.add(stored.decode(e));
      }
      loaded.put(d.getString("_id"), history);
    }
    return loaded;
  }

  Map<String, RequisitionHistory> loadRequisitions(Set<String> ids) {
    Map<String, RequisitionHistory> loaded = new HashMap<>();
    if (ids.isEmpty()) {
      return loaded;
    }
    for (Document d : requisitions.find(in("_id", ids))) {
      RequisitionHistory history = new RequisitionHistory();
      for (Document e : d.getList("events", Document.class, List.of())) {
        history.add(stored.decode(e));
      }
      loaded.put(d.getString("_id"), history);
    }
    return loaded;
  }

  Map<String, CapabilityState> loadCapabilities(Set<String> ids) {
    Map<String, CapabilityState> states = new HashMap<>();
    for (Document d : coverage.find(in("_id", ids))) {
      states.put(d.getString("_id"), state(d));
    }
    return states;
  }

  /**
   * Writes a batch's effects: coverage documents with their change events, then what people and
   * partners have ending, then people and partners themselves. A crash between two of these writes
   * heals on redelivery: coverage remembers the positions it applied and skips them, while people
   * and partners, not yet written, apply the record again and rewrite their expiries.
   */
  void write(ProjectionBatch batch, Instant now) {
    for (CapabilityState c : batch.dirtyCapabilities()) {
      outbox.update(
          coverage,
          eq("_id", c.capabilityId()),
          coverageUpdate(c, now),
          c.changes(),
          new UpdateOptions().upsert(true));
    }
    List<WriteModel<Document>> expiryWrites = new ArrayList<>();
    batch
        .dirtyPeople()
        .forEach(
            (ref, history) ->
                expiryWrites(
                    ref, batch.expiryKeysBefore(ref), history.expiries(ref), expiryWrites));
    batch
        .dirtyPartners()
        .forEach(
            (id, history) ->
                expiryWrites(id, batch.expiryKeysBefore(id), history.expiries(), expiryWrites));
    if (!expiryWrites.isEmpty()) {
      expiries.bulkWrite(expiryWrites, new BulkWriteOptions().ordered(false));
    }
    List<ReplaceOneModel<Document>> writes = new ArrayList<>();
    batch
        .dirtyPeople()
        .forEach(
            (ref, history) -> writes.add(replacement(ref, history.events(), Profiles.of(history))));
    if (!writes.isEmpty()) {
      people.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
    List<ReplaceOneModel<Document>> partnerWrites = new ArrayList<>();
    batch
        .dirtyPartners()
        .forEach(
            (id, history) ->
                partnerWrites.add(replacement(id, history.events(), Profiles.of(history))));
    if (!partnerWrites.isEmpty()) {
      partners.bulkWrite(partnerWrites, new BulkWriteOptions().ordered(false));
    }
    List<ReplaceOneModel<Document>> requisitionWrites = new ArrayList<>();
    batch
        .dirtyRequisitions()
        .forEach(
            (id, history) ->
                requisitionWrites.add(
                    new ReplaceOneModel<>(
                        eq("_id", id),
                        new Document("_id", id)
                            .append(
                                "events", history.events().stream().map(stored::encode).toList()),
                        new ReplaceOptions().upsert(true))));
    if (!requisitionWrites.isEmpty()) {
      requisitions.bulkWrite(requisitionWrites, new BulkWriteOptions().ordered(false));
    }
    List<ReplaceOneModel<Document>> ownerWrites = new ArrayList<>();
    batch
        .newOwners()
        .forEach(
            (eventId, ref) ->
                ownerWrites.add(
                    new ReplaceOneModel<>(
                        eq("_id", eventId),
                        new Document("_id", eventId).append("personRef", ref),
                        new ReplaceOptions().upsert(true))));
    if (!ownerWrites.isEmpty()) {
      owners.bulkWrite(ownerWrites, new BulkWriteOptions().ordered(false));
    }
  }

  private ReplaceOneModel<Document> replacement(
      String id, Collection<CloudEvent<?>> events, List<Document> profile) {
    return new ReplaceOneModel<>(
        eq("_id", id),
        new Document("_id", id)
            .append("events", events.stream().map(stored::encode).toList())
            .append("profile", profile),
        new ReplaceOptions().upsert(true));
  }

  /**
   * What a person or partner has that ends on a known day, by key; keys it had before the batch and
   * no longer has are removed. The API buckets them at read time.
   */
  private static void expiryWrites(
      String holder, Set<String> before, List<Expiry> ending, List<WriteModel<Document>> writes) {
    Set<String> gone = new HashSet<>(before);
    for (Expiry e : ending) {
      gone.remove(e.key());
      // $set, not a replacement: the tick keeps its sent notices and outbox in the same document
      writes.add(
          new UpdateOneModel<>(
              eq("_id", e.key()),
              Updates.combine(
                  Updates.set("kind", e.kind()),
                  Updates.set("id", e.id()),
                  Updates.set("holder", holder),
                  Updates.set("capabilityIds", e.capabilityIds()),
                  Updates.set("lastDay", e.lastDay().toString())),
              new UpdateOptions().upsert(true)));
    }
    if (!gone.isEmpty()) {
      writes.add(new DeleteManyModel<>(in("_id", gone)));
    }
  }

  private static Bson coverageUpdate(CapabilityState c, Instant now) {
    List<Bson> updates = new ArrayList<>();
    c.added()
        .changes()
        .forEach(
            (day, counters) ->
                counters.forEach(
                    (k, v) -> updates.add(Updates.inc("calendar." + day + "." + k, v))));
    c.touchedPositions().forEach((p, o) -> updates.add(Updates.set("applied." + p, o)));
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

  private static CapabilityState state(Document d) {
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
    return new CapabilityState(
        d.getString("_id"), calendar(d.get("calendar", new Document())), applied, target, targets);
  }

  static Calendar calendar(Document stored) {
    Calendar calendar = new Calendar();
    stored.forEach(
        (day, counters) ->
            ((Document) counters)
                .forEach(
                    (k, v) -> calendar.put(LocalDate.parse(day), k, ((Number) v).longValue())));
    return calendar;
  }
}
