package io.captrack.platform.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.captrack.platform.logging.Correlation;
import io.captrack.schemas.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the events of outbox documents to Kafka, in order per document, and removes those the
 * broker acknowledged from their outboxes. Used by the relay's publishing thread alone.
 */
final class OutboxPublisher {

  /**
   * The relay's logger: publishing was part of {@link OutboxRelay} until f60aa50, and operators'
   * log levels name that category.
   */
  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final Producer<String, byte[]> producer;
  private final Publications publications;
  private volatile long published;

  OutboxPublisher(Producer<String, byte[]> producer, Publications publications) {
    this.producer = producer;
    this.publications = publications;
  }

  /** Events published since start. */
  long published() {
    return published;
  }

  /**
   * Publishes the documents' events in waves: wave k holds the k-th event of every document whose
   * earlier events are acknowledged. So an event never leaves before its predecessor in the same
   * aggregate, while events of different aggregates go out together. A failure stops the pass; the
   * acknowledged events are removed from their outboxes, the rest wait for the next pass.
   */
  boolean publish(MongoCollection<Document> collection, List<Document> docs) {
    List<List<Document>> entries = new ArrayList<>(docs.size());
    int[] acked = new int[docs.size()];
    for (Document doc : docs) {
      entries.add(doc.getList(Outbox.EVENTS, Document.class, List.of()));
    }
    boolean failed = false;
    for (int wave = 0; !failed; wave++) {
      List<Integer> sentDocs = new ArrayList<>();
      List<Future<RecordMetadata>> sends = new ArrayList<>();
      for (int d = 0; d < docs.size() && !failed; d++) {
        if (acked[d] == wave && entries.get(d).size() > wave) {
          Future<RecordMetadata> send = producer.send(record(entries.get(d).get(wave)));
          sentDocs.add(d);
          sends.add(send);
          // a send refused at once (no metadata: Kafka away) makes the rest wait for the next pass
          failed = send.isDone() && failedNow(send);
        }
      }
      if (sends.isEmpty()) {
        break;
      }
      for (int i = 0; i < sends.size(); i++) {
        try {
          RecordMetadata metadata = sends.get(i).get();
          int d = sentDocs.get(i);
          Document entry = entries.get(d).get(acked[d]);
          publications.published(entry.getString("id"), metadata);
          Correlation.debug(
              log,
              entry.getString("id"),
              entry.getString("type"),
              "published to {}-{}@{}",
              metadata.topic(),
              metadata.partition(),
              metadata.offset());
          acked[d]++;
        } catch (Exception e) {
          failed = true;
          log.warn("publishing from the outbox failed, will retry: {}", e.toString());
        }
      }
    }
    removeSent(collection, docs, entries, acked);
    return !failed;
  }

  /**
   * Removes the acknowledged events from their documents' outboxes in one unordered bulk write: one
   * round trip per pass, however many documents it published (a round trip per document made the
   * relay fall behind a steady 200 writes a second on a busy server). Each removal names its
   * document by id alone and is idempotent: a second relay (another instance) that sent the same
   * events and removed them first leaves nothing to remove here.
   */
  private void removeSent(
      MongoCollection<Document> collection,
      List<Document> docs,
      List<List<Document>> entries,
      int[] acked) {
    List<WriteModel<Document>> removals = new ArrayList<>();
    int sent = 0;
    for (int d = 0; d < docs.size(); d++) {
      if (acked[d] > 0) {
        List<String> ids =
            entries.get(d).subList(0, acked[d]).stream().map(e -> e.getString("id")).toList();
        removals.add(
            new UpdateOneModel<>(
                Filters.eq("_id", docs.get(d).get("_id")),
                Updates.pullByFilter(
                    new Document(Outbox.EVENTS, new Document("id", new Document("$in", ids))))));
        sent += ids.size();
      }
    }
    if (!removals.isEmpty()) {
      collection.bulkWrite(removals, new BulkWriteOptions().ordered(false));
      published += sent;
    }
  }

  private static boolean failedNow(Future<RecordMetadata> send) {
    try {
      send.get();
      return false;
    } catch (Exception e) {
      return true;
    }
  }

  private static ProducerRecord<String, byte[]> record(Document entry) {
    return CloudEventCodec.toRecord(
        entry.getString("topic"),
        entry.getString("id"),
        entry.getString("source"),
        entry.getString("type"),
        OffsetDateTime.parse(entry.getString("time")),
        entry.getString("subject"),
        entry.getDate("recordedAt").toInstant(),
        entry.getString("data").getBytes(StandardCharsets.UTF_8),
        entry.getString("partitionKey"));
  }
}
