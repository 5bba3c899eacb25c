package io.captrack.platform.outbox;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import io.captrack.platform.logging.Correlation;
import io.captrack.platform.web.CommittedWrites;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an aggregate and its events in one atomic document operation: the events sit in the
 * document's {@code outbox} array until the {@link OutboxRelay} has published them. No transaction
 * is needed, so this works on any MongoDB, the stand-in included.
 */
public final class Outbox {

  private static final Logger log = LoggerFactory.getLogger(Outbox.class);

  /** The array of events waiting to be published. */
  public static final String EVENTS = "outbox";

  /**
   * The field the relay looks up pending documents by: an event's id in the outbox, indexed
   * (sparse), so that only documents with events waiting are found. Documents of older versions
   * also carry a count, {@code outboxPending}, no longer kept.
   */
  public static final String PENDING = EVENTS + ".id";

  private final CloudEventCodec codec;
  private final OutboxRelay relay;

  public Outbox(CloudEventCodec codec, OutboxRelay relay) {
    this.codec = codec;
    this.relay = relay;
  }

  /** Inserts a new aggregate document together with its events. */
  public void insert(
      MongoCollection<Document> collection, Document aggregate, List<CloudEvent<?>> events) {
    aggregate.append(EVENTS, entries(events));
    relay.publications().expect(ids(events));
    collection.insertOne(aggregate);
    CommittedWrites.mark();
    recorded(collection, events);
    relay.wakeUp(collection.getNamespace().getCollectionName(), aggregate.get("_id"));
  }

  /**
   * Applies {@code update} to the document matching {@code filter} and appends the events, in one
   * operation. Returns the result so that callers can tell a missed optimistic-lock filter.
   */
  public UpdateResult update(
      MongoCollection<Document> collection, Bson filter, Bson update, List<CloudEvent<?>> events) {
    return update(collection, filter, update, events, new UpdateOptions());
  }

  /** As {@link #update(MongoCollection, Bson, Bson, List)}, with options (an upsert, say). */
  public UpdateResult update(
      MongoCollection<Document> collection,
      Bson filter,
      Bson update,
      List<CloudEvent<?>> events,
      UpdateOptions options) {
    Bson withEvents = Updates.combine(update, Updates.pushEach(EVENTS, entries(events)));
    // announced before the write: the relay may publish them before this thread goes on
    relay.publications().expect(ids(events));
    UpdateResult result = collection.updateOne(filter, withEvents, options);
    if (result.getModifiedCount() > 0 || result.getUpsertedId() != null) {
      CommittedWrites.mark();
      recorded(collection, events);
    } else {
      relay.publications().forget(ids(events));
    }
    relay.wakeUp(
        collection.getNamespace().getCollectionName(),
        result.getUpsertedId() != null ? result.getUpsertedId() : idOf(collection, filter));
    return result;
  }

  /** One guarded update of {@link #upsertOnce} and the events it appends. */
  public record Write(Bson filter, Bson update, List<CloudEvent<?>> events) {}

  /**
   * Applies each write's update with its events appended, in one unordered bulk write of upserts. A
   * write whose filter does not match because its document has taken the update already (the filter
   * guards by id and something more) tries to insert that document again, fails on its id and
   * changes nothing: applied once. Each write's filter names its document by {@code _id}, at its
   * top level. Returns which were applied, in order; any other error is thrown.
   */
  public boolean[] upsertOnce(MongoCollection<Document> collection, List<Write> writes) {
    boolean[] applied = new boolean[writes.size()];
    if (writes.isEmpty()) {
      return applied;
    }
    List<UpdateOneModel<Document>> models = new ArrayList<>(writes.size());
    for (Write w : writes) {
      models.add(
          new UpdateOneModel<>(
              w.filter(),
              Updates.combine(w.update(), Updates.pushEach(EVENTS, entries(w.events()))),
              new UpdateOptions().upsert(true)));
      relay.publications().expect(ids(w.events()));
    }
    Set<Integer> refused = new HashSet<>();
    try {
      collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCode() != DUPLICATE_KEY) {
          throw e;
        }
        refused.add(error.getIndex());
      }
      if (e.getWriteConcernError() != null) {
        throw e;
      }
    }
    String name = collection.getNamespace().getCollectionName();
    for (int i = 0; i < writes.size(); i++) {
      Write w = writes.get(i);
      if (refused.contains(i)) {
        relay.publications().forget(ids(w.events()));
        continue;
      }
      applied[i] = true;
      recorded(collection, w.events());
      relay.wakeUp(name, idOf(collection, w.filter()));
    }
    if (refused.size() < writes.size()) {
      CommittedWrites.mark();
    }
    return applied;
  }

  private static final int DUPLICATE_KEY = 11000;

  /** Filter for documents with events to publish. */
  public static Bson pending() {
    return Filters.exists(PENDING);
  }

  /** The document id a filter names by equality ({@code _id} alone or among others), or null. */
  private static Object idOf(MongoCollection<Document> collection, Bson filter) {
    BsonDocument f = filter.toBsonDocument(Document.class, collection.getCodecRegistry());
    BsonValue id = f.get("_id");
    if (id == null && f.containsKey("$and")) {
      for (BsonValue clause : f.getArray("$and")) {
        if (clause.isDocument() && clause.asDocument().containsKey("_id")) {
          id = clause.asDocument().get("_id");
        }
      }
    }
    if (id == null
        || (id.isDocument()
            && id.asDocument().keySet().stream().anyMatch(k -> k.startsWith("$")))) {
      return null;
    }
    return switch (id.getBsonType()) {
      case STRING -> id.asString().getValue();
      case OBJECT_ID -> id.asObjectId().getValue();
      case INT32 -> id.asInt32().getValue();
      case INT64 -> id.asInt64().getValue();
      default -> null;
    };
  }

  /** One line per recorded event, under its id: where a correlated trace starts. */
  private static void recorded(MongoCollection<Document> collection, List<CloudEvent<?>> events) {
    for (CloudEvent<?> e : events) {
      Correlation.info(
          log,
          e.id(),
          e.type().name(),
          "recorded {} for {} in {}",
          e.type().name(),
          e.subject(),
          collection.getNamespace().getCollectionName());
    }
  }

  private static List<String> ids(List<CloudEvent<?>> events) {
    return events.stream().map(CloudEvent::id).toList();
  }

  private List<Document> entries(List<CloudEvent<?>> events) {
    List<Document> entries = new ArrayList<>(events.size());
    for (CloudEvent<?> e : events) {
      entries.add(
          new Document("id", e.id())
              .append("source", e.source())
              .append("type", e.type().name())
              .append("topic", e.type().topic().name())
              .append("subject", e.subject())
              .append("partitionKey", e.partitionKey())
              .append("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time()))
              .append("recordedAt", Date.from(e.recordedAt()))
              .append("data", new String(codec.data(e.data()), StandardCharsets.UTF_8)));
    }
    return entries;
  }
}
