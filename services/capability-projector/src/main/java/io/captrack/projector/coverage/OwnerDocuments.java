package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import io.captrack.platform.readmodel.StoredProfiles;
import io.captrack.projector.timeline.Calendar;
import io.captrack.schemas.CloudEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;
import org.bson.types.Binary;

/**
 * People or partners in the read model: one document per owner ({@code people}, {@code partners}:
 * its profile as one value, {@link StoredProfiles}, and the numbers of the batches that added its
 * events, {@code chunks}) and one per owner and batch ({@code person_events}, {@code
 * partner_events}: the events that batch added and the changes they made to coverage, {@code
 * pending}). A batch writes the events first, then the owner's document, which stays small however
 * long the history: the store rewrites a document whole on every update, so its cost follows the
 * document's size.
 *
 * @param <H> the owner's history
 */
final class OwnerDocuments<H> {

  /** The owner document's list of the batches whose events it has in the events collection. */
  private static final String CHUNKS = "chunks";

  /**
   * The owner document's voids that wait for the event they cancel ({@code [{void, cancels}]}, the
   * first {@link #WAITS_LISTED} by the id of the event), absent when none does, and how many wait
   * ({@link #WAITS_COUNT}): what {@link VoidWatch} counts.
   */
  static final String WAITS = "waits";

  static final String WAITS_COUNT = "waitCount";

  /**
   * How many of an owner's voids that wait its document lists: a producer that keys every void by
   * one owner must not grow the document without bound.
   */
  static final int WAITS_LISTED = 100;

  /** The path that owners with voids that wait have, and the others lack. */
  static final String WAITING_VOID = WAITS + ".void";

  private final String name;
  private final MongoCollection<Document> owners;
  private final MongoCollection<Document> events;
  private final StoredEvents stored;
  private final Function<String, H> create;
  private final BiConsumer<H, CloudEvent<?>> add;
  private final Function<H, List<Document>> profile;
  private final Function<H, Map<String, String>> waiting;

  /**
   * @param name the owners' collection, as batches key their owners ({@code <name>:<id>})
   * @param create an empty history of an owner by id
   * @param add adds a stored event to a history
   * @param profile what the owner's document shows of its history
   * @param waiting the history's voids that wait, by the id of the event each cancels
   */
  OwnerDocuments(
      String name,
      MongoCollection<Document> owners,
      MongoCollection<Document> events,
      StoredEvents stored,
      Function<String, H> create,
      BiConsumer<H, CloudEvent<?>> add,
      Function<H, List<Document>> profile,
      Function<H, Map<String, String>> waiting) {
    this.name = name;
    this.waiting = waiting;
    this.owners = owners;
    this.events = events;
    this.stored = stored;
    this.create = create;
    this.add = add;
    this.profile = profile;
  }

  /**
   * A sparse index of the owners with voids that wait ({@link #WAITING_VOID}), so that counting
   * them reads those alone (the stand-in server ignores secondary indexes and scans).
   */
  void indexVoidsThatWait() {
    owners.createIndex(Indexes.ascending(WAITING_VOID), new IndexOptions().sparse(true));
  }

  /** Histories read back, see {@link #read(Collection, long, Map)}. */
  Map<String, H> read(Collection<String> ids) {
    return read(ids, -1, new HashMap<>());
  }

  /**
   * Histories read back: each owner's document, then the documents of the batches it names in one
   * query; events a document of an earlier layout still carries in its own {@code events} come
   * first. The changes that batch {@code n} made to coverage are added to {@code sums}, from the
   * batch's document where the owner's document names it (a batch document it does not name is not
   * part of the history: its records project again), or from the owner's own {@code pending} of the
   * earlier layout.
   */
  Map<String, H> read(Collection<String> ids, long n, Map<String, Calendar> sums) {
    Map<String, H> loaded = new HashMap<>();
    if (ids.isEmpty()) {
      return loaded;
    }
    Map<String, List<Long>> chunks = new HashMap<>();
    Document fields = new Document("events", 1).append(CHUNKS, 1).append("pending", 1);
    for (Document d : owners.find(in("_id", ids)).projection(fields)) {
      String id = d.getString("_id");
      H history = create.apply(id);
      d.getList("events", Document.class, List.of())
          .forEach(e -> add.accept(history, stored.decode(e)));
      loaded.put(id, history);
      List<Long> numbers = new ArrayList<>();
      d.getList(CHUNKS, Number.class, List.of()).forEach(x -> numbers.add(x.longValue()));
      numbers.sort(null);
      chunks.put(id, numbers);
      PendingDeltas.addTo(d.get("pending", Document.class), n, sums);
    }
    List<String> chunkIds = new ArrayList<>();
    chunks.forEach((id, numbers) -> numbers.forEach(x -> chunkIds.add(chunkId(id, x))));
    Map<String, Document> byId = new HashMap<>();
    if (!chunkIds.isEmpty()) {
      events.find(in("_id", chunkIds)).forEach(d -> byId.put(d.getString("_id"), d));
    }
    chunks.forEach(
        (id, numbers) -> {
          H history = loaded.get(id);
          for (long x : numbers) {
            Document chunk = byId.get(chunkId(id, x));
            if (chunk == null) {
              continue;
            }
            chunk
                .getList("events", Document.class, List.of())
                .forEach(e -> add.accept(history, stored.decode(e)));
            if (x == n) {
              PendingDeltas.addTo(chunk.get("pending", Document.class), n, sums);
            }
          }
        });
    return loaded;
  }

  private static String chunkId(String id, long n) {
    return id + ":" + n;
  }

  /**
   * The events a batch added to each of its owners, with the changes they made to coverage, in a
   * document of their own ({@code <id>:<n>}, n the batch's number for the owner's shard among
   * {@code numbers}; appended to: a zombie's append of the same number only adds events that
   * loading ignores by id). Written before the owner's document names it, so a crash between the
   * two leaves events that no owner document names: they are projected again when their records are
   * redelivered. The events are written once; the changes are those of this batch only. Built
   * (encoded) now, sent when the returned step runs.
   */
  Runnable eventWrites(
      ProjectionBatch batch, Collection<String> dirty, Map<Integer, Long> numbers) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    for (String id : dirty) {
      String owner = name + ":" + id;
      long n = batch.numberOf(owner, numbers);
      writes.add(
          Encoded.upsert(
              events,
              Encoded.byId(chunkId(id, n)),
              eventsUpdate(batch.ownerEvents(owner), batch.ownerDeltas().get(owner), n)));
    }
    return Encoded.unordered(events, writes);
  }

  /**
   * {@code {$push: {events: {$each: [...]}}, $set: {pending: ...}}} (no {@code $set} without
   * deltas), written straight to BSON: the events are most of what a batch sends.
   */
  private RawBsonDocument eventsUpdate(
      List<CloudEvent<?>> added, Map<String, Calendar> deltas, long n) {
    BasicOutputBuffer buffer = new Utf8Buffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeStartDocument("$push");
      writer.writeStartDocument("events");
      writer.writeStartArray("$each");
      added.forEach(e -> stored.write(writer, e));
      writer.writeEndArray();
      writer.writeEndDocument();
      writer.writeEndDocument();
      if (deltas != null && !deltas.isEmpty()) {
        writer.writeStartDocument("$set");
        writer.writeName("pending");
        PendingDeltas.write(writer, deltas, n);
        writer.writeEndDocument();
      }
      writer.writeEndDocument();
    }
    return new RawBsonDocument(buffer.toByteArray());
  }

  /**
   * The owner documents of a batch: the batch's number for the owner's shard (among {@code
   * numbers}) added to those whose events are in the events collection, and the profile; for an
   * owner whose waiting voids the batch changed ({@link VoidNotes#changedOwners()}), the voids that
   * wait now ({@link #WAITS}, removed when none does). Built now, sent when the returned step runs.
   */
  Runnable writes(ProjectionBatch batch, Map<String, H> dirty, Map<Integer, Long> numbers) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    Set<String> voidsChanged = batch.voids().changedOwners();
    dirty.forEach(
        (id, history) -> {
          String owner = name + ":" + id;
          Map<String, String> waits = voidsChanged.contains(owner) ? waiting.apply(history) : null;
          writes.add(
              Encoded.upsert(
                  owners,
                  Encoded.byId(id),
                  ownerUpdate(
                      batch.numberOf(owner, numbers),
                      StoredProfiles.encode(profile.apply(history)),
                      waits)));
        });
    return Encoded.unordered(owners, writes);
  }

  /**
   * {@code {$addToSet: {chunks: n}, $set: {profile: <binary>}}}, written straight to BSON: one per
   * person or partner a batch changed. With {@code waits} (null: unchanged), {@code $set} of the
   * voids that wait, or {@code $unset} when none does.
   */
  private static RawBsonDocument ownerUpdate(long n, Binary profile, Map<String, String> waits) {
    BasicOutputBuffer buffer = new BasicOutputBuffer(64 + profile.getData().length);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeStartDocument("$addToSet");
      writer.writeInt64(CHUNKS, n);
      writer.writeEndDocument();
      writer.writeStartDocument("$set");
      writer.writeBinaryData("profile", new BsonBinary(profile.getType(), profile.getData()));
      if (waits != null && !waits.isEmpty()) {
        writer.writeInt32(WAITS_COUNT, waits.size());
        writer.writeStartArray(WAITS);
        waits.entrySet().stream()
            .limit(WAITS_LISTED)
            .forEach(
                w -> {
                  writer.writeStartDocument();
                  writer.writeString("void", w.getValue());
                  writer.writeString("cancels", w.getKey());
                  writer.writeEndDocument();
                });
        writer.writeEndArray();
      }
      writer.writeEndDocument();
      if (waits != null && waits.isEmpty()) {
        writer.writeStartDocument("$unset");
        writer.writeString(WAITS, "");
        writer.writeString(WAITS_COUNT, "");
        writer.writeEndDocument();
      }
      writer.writeEndDocument();
    }
    return new RawBsonDocument(buffer.toByteArray());
  }
}
