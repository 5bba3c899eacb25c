package io.captrack.projector.coverage;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.projector.timeline.PersonHistory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.bson.Document;

/**
 * People in the read model: {@code people} (one document per person: its holdings, the changes the
 * last batch made to coverage, and the numbers of the batches that added its events) and {@code
 * person_events} (one document per person and batch: the events that batch added). A batch writes
 * the events first, then the person's document, which stays small however long the history.
 */
final class PersonDocuments {

  private final MongoCollection<Document> people;
  private final MongoCollection<Document> personEvents;
  private final StoredEvents stored;

  PersonDocuments(
      MongoCollection<Document> people,
      MongoCollection<Document> personEvents,
      StoredEvents stored) {
    this.people = people;
    this.personEvents = personEvents;
    this.stored = stored;
  }

  /**
   * People read back: each one's document, then the documents of the batches it names ({@code
   * chunks}) in one query; events a document of the earlier layout still carries in its own {@code
   * events} come first. {@code header} sees each person's document (its {@code pending}).
   */
  Map<String, PersonHistory> read(Collection<String> refs, BiConsumer<String, Document> header) {
    Map<String, PersonHistory> loaded = new HashMap<>();
    if (refs.isEmpty()) {
      return loaded;
    }
    Map<String, List<Long>> chunks = new HashMap<>();
    Document fields = new Document("events", 1).append(CHUNKS, 1).append("pending", 1);
    for (Document d : people.find(in("_id", refs)).projection(fields)) {
      String ref = d.getString("_id");
      PersonHistory history = new PersonHistory();
      d.getList("events", Document.class, List.of()).forEach(e -> history.add(stored.decode(e)));
      loaded.put(ref, history);
      List<Long> numbers = new ArrayList<>();
      d.getList(CHUNKS, Number.class, List.of()).forEach(n -> numbers.add(n.longValue()));
      numbers.sort(null);
      chunks.put(ref, numbers);
      header.accept(ref, d);
    }
    List<String> ids = new ArrayList<>();
    chunks.forEach((ref, numbers) -> numbers.forEach(n -> ids.add(chunkId(ref, n))));
    Map<String, List<Document>> byId = new HashMap<>();
    if (!ids.isEmpty()) {
      personEvents
          .find(in("_id", ids))
          .forEach(
              d -> byId.put(d.getString("_id"), d.getList("events", Document.class, List.of())));
    }
    chunks.forEach(
        (ref, numbers) -> {
          PersonHistory history = loaded.get(ref);
          for (long n : numbers) {
            byId.getOrDefault(chunkId(ref, n), List.of())
                .forEach(e -> history.add(stored.decode(e)));
          }
        });
    return loaded;
  }

  /** The person document's list of the batches whose events it has in {@code person_events}. */
  private static final String CHUNKS = "chunks";

  private static String owner(String personRef) {
    return CoverageStore.PEOPLE + ":" + personRef;
  }

  private static String chunkId(String personRef, long n) {
    return personRef + ":" + n;
  }

  /**
   * The events a batch added to each person, in a document of their own ({@code <personRef>:<n>}, n
   * the batch's number for the person's shard among {@code numbers}; appended to: a zombie's append
   * of the same number only adds events that loading ignores by id). Written before the person's
   * document names it, so a crash between the two leaves events that no person document names: they
   * are projected again when their records are redelivered. The person's document, rewritten every
   * batch, stays small; the events are written once.
   */
  void writeEvents(ProjectionBatch batch, Map<Integer, Long> numbers) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    batch
        .dirtyPeople()
        .keySet()
        .forEach(
            ref ->
                writes.add(
                    new UpdateOneModel<>(
                        eq("_id", chunkId(ref, batch.numberOf(owner(ref), numbers))),
                        Updates.pushEach(
                            "events",
                            batch.ownerEvents(owner(ref)).stream().map(stored::encode).toList()),
                        new UpdateOptions().upsert(true))));
    if (!writes.isEmpty()) {
      personEvents.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
  }

  /**
   * The people documents of a batch: the batch's number for the person's shard (among {@code
   * numbers}) added to those whose events are in {@code person_events}, the holdings, and the
   * batch's deltas to coverage as pending under that number.
   */
  void write(ProjectionBatch batch, Map<Integer, Long> numbers) {
    List<UpdateOneModel<Document>> writes = new ArrayList<>();
    batch
        .dirtyPeople()
        .forEach(
            (ref, history) -> {
              long n = batch.numberOf(owner(ref), numbers);
              writes.add(
                  new UpdateOneModel<>(
                      eq("_id", ref),
                      Updates.combine(
                          Updates.addToSet(CHUNKS, n),
                          Updates.set("profile", Profiles.of(history)),
                          Updates.set(
                              "pending",
                              PendingDeltas.encode(batch.ownerDeltas().get(owner(ref)), n))),
                      new UpdateOptions().upsert(true)));
            });
    if (!writes.isEmpty()) {
      people.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
  }
}
