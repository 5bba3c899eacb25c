package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.nin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.timeline.Calendar;
import io.captrack.projector.timeline.Expiry;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The read model in MongoDB: {@code coverage} (one document per capability, its holders as a
 * calendar of changes by effective date), {@code people} and {@code partners} (each one's events,
 * from which holdings and lent capacity are derived) and {@code event_owners} (which person an
 * event concerns, for voids). Coverage documents are written first, so that after a crash in
 * between a redelivered record is skipped by coverage and applied to people.
 */
@Component
public class CoverageStore {

  public static final String COVERAGE = "coverage";
  public static final String PEOPLE = "people";
  public static final String OWNERS = "event_owners";
  public static final String PARTNERS = "partners";
  public static final String EXPIRIES = "expiries";

  private final MongoCollection<Document> coverage;
  private final MongoCollection<Document> people;
  private final MongoCollection<Document> owners;
  private final MongoCollection<Document> partners;
  private final MongoCollection<Document> expiries;
  private final Outbox outbox;
  private final CloudEventCodec codec;

  CoverageStore(MongoDatabase database, Outbox outbox, CloudEventCodec codec) {
    this.coverage = database.getCollection(COVERAGE);
    this.people = database.getCollection(PEOPLE);
    this.owners = database.getCollection(OWNERS);
    this.partners = database.getCollection(PARTNERS);
    this.expiries = database.getCollection(EXPIRIES);
    this.outbox = outbox;
    this.codec = codec;
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
        history.add(decode(e));
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
        history.add(decode(e));
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

  /** Writes a batch's effects: coverage documents with their change events, then people. */
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
    batch
        .dirtyPeople()
        .forEach(
            (ref, history) ->
                writes.add(
                    new ReplaceOneModel<>(
                        eq("_id", ref),
                        new Document("_id", ref)
                            .append("events", history.events().stream().map(this::encode).toList())
                            .append("profile", Profiles.of(history)),
                        new ReplaceOptions().upsert(true))));
    if (!writes.isEmpty()) {
      people.bulkWrite(writes);
    }
    List<ReplaceOneModel<Document>> partnerWrites = new ArrayList<>();
    batch
        .dirtyPartners()
        .forEach(
            (id, history) ->
                partnerWrites.add(
                    new ReplaceOneModel<>(
                        eq("_id", id),
                        new Document("_id", id)
                            .append("events", history.events().stream().map(this::encode).toList())
                            .append("profile", Profiles.of(history)),
                        new ReplaceOptions().upsert(true))));
    if (!partnerWrites.isEmpty()) {
      partners.bulkWrite(partnerWrites);
    }
    batch.dirtyPeople().forEach((ref, history) -> writeExpiries(ref, history.expiries(ref)));
    batch.dirtyPartners().forEach((id, history) -> writeExpiries(id, history.expiries()));
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
      owners.bulkWrite(ownerWrites);
    }
  }

  /** Replaces what a person or partner has that ends on a known day; the API buckets them. */
  private void writeExpiries(String holder, List<Expiry> ending) {
    List<String> keys = ending.stream().map(Expiry::key).toList();
    expiries.deleteMany(and(eq("holder", holder), nin("_id", keys)));
    for (Expiry e : ending) {
      // $set, not a replacement: the tick keeps its sent notices and outbox in the same document
      expiries.updateOne(
          eq("_id", e.key()),
          Updates.combine(
              Updates.set("kind", e.kind()),
              Updates.set("id", e.id()),
              Updates.set("holder", holder),
              Updates.set("capabilityIds", e.capabilityIds()),
              Updates.set("lastDay", e.lastDay().toString())),
          new UpdateOptions().upsert(true));
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
    updates.add(Updates.set("updatedAt", Date.from(now)));
    return Updates.combine(updates);
  }

  private Document encode(CloudEvent<?> e) {
    return new Document("id", e.id())
        .append("source", e.source())
        .append("type", e.type().name())
        .append("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time()))
        .append("subject", e.subject())
        .append("recordedAt", e.recordedAt().toString())
        .append("data", new String(codec.data(e.data()), StandardCharsets.UTF_8));
  }

  private CloudEvent<?> decode(Document d) {
    ProducerRecord<String, byte[]> record =
        CloudEventCodec.toRecord(
            "stored",
            d.getString("id"),
            d.getString("source"),
            d.getString("type"),
            OffsetDateTime.parse(d.getString("time")),
            d.getString("subject"),
            Instant.parse(d.getString("recordedAt")),
            d.getString("data").getBytes(StandardCharsets.UTF_8));
    return codec.decode(record.headers(), record.value());
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
    return new CapabilityState(
        d.getString("_id"), calendar(d.get("calendar", new Document())), applied, target);
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
