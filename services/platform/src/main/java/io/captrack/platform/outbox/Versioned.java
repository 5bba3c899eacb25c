package io.captrack.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.platform.web.ETags;
import io.captrack.schemas.CloudEvent;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/** A collection of versioned aggregates whose changes carry their events in the outbox. */
public final class Versioned {

  private final MongoCollection<Document> collection;
  private final Outbox outbox;
  private final String what;

  public Versioned(MongoCollection<Document> collection, Outbox outbox, String what) {
    this.collection = collection;
    this.outbox = outbox;
    this.what = what;
  }

  /** The aggregate without its outbox, or 404. */
  public Document load(String id) {
    Document d =
        collection
            .find(eq("_id", id))
            .projection(new Document("outbox", 0).append("outboxPending", 0))
            .first();
    if (d == null) {
      throw CommandRejectedException.notFound(what, id);
    }
    return d;
  }

  public boolean exists(String id) {
    return collection.countDocuments(eq("_id", id)) > 0;
  }

  public static long version(Document d) {
    return ((Number) d.get("version")).longValue();
  }

  /** Inserts a new aggregate at version 1 with its event. */
  public Document insert(Document aggregate, CloudEvent<?> event) {
    outbox.insert(collection, aggregate.append("version", 1L), List.of(event));
    return load(aggregate.getString("_id"));
  }

  /** Changes the aggregate at the version decided on (or named by If-Match); 412 when stale. */
  public Document change(Document decidedOn, String ifMatch, Bson update, CloudEvent<?> event) {
    String id = decidedOn.getString("_id");
    change(id, version(decidedOn), ifMatch, update, List.of(event));
    return load(id);
  }

  /**
   * Applies {@code update} to aggregate {@code id} at the version expected (the one If-Match names,
   * else the one the command decided on), moves it to the next and appends the events to its
   * outbox, in one write. Answers the new version; 412 with the current one when another change
   * came first, 404 when the aggregate is gone.
   */
  public long change(
      String id, long decidedOn, String ifMatch, Bson update, List<CloudEvent<?>> events) {
    long expected = ETags.expected(ifMatch, decidedOn);
    var result =
        outbox.update(
            collection,
            and(eq("_id", id), eq("version", expected)),
            Updates.combine(update, Updates.inc("version", 1L)),
            events);
    if (result.getMatchedCount() == 0) {
      Document current =
          collection.find(eq("_id", id)).projection(new Document("version", 1)).first();
      if (current == null) {
        throw CommandRejectedException.notFound(what, id);
      }
      throw ETags.stale(version(current));
    }
    return expected + 1;
  }

  /**
   * Creates aggregate {@code id} from {@code update} at version 1 with its events (an upsert: if it
   * came to exist meanwhile, the change applies to it at its next version). Answers the version: 1
   * when the upsert created the document, else read back.
   */
  public long create(String id, Bson update, List<CloudEvent<?>> events) {
    var result =
        outbox.update(
            collection,
            eq("_id", id),
            Updates.combine(update, Updates.inc("version", 1L)),
            events,
            new UpdateOptions().upsert(true));
    if (result.getUpsertedId() != null) {
      return 1L;
    }
    Document current =
        collection.find(eq("_id", id)).projection(new Document("version", 1)).first();
    return version(current);
  }
}
