package io.captrack.projector.coverage;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.List;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;

/**
 * Write models encoded to BSON bytes as they are built, so that the thread that builds a batch's
 * writes ahead of their step ({@link WriteAhead}) pays for rendering its filters and updates, and
 * the batch's own thread only copies the bytes into the command it sends. The server receives the
 * same bytes either way.
 */
final class Encoded {

  private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
  private static final EncoderContext CONTEXT = EncoderContext.builder().build();
  private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

  private Encoded() {}

  /**
   * A filter or update as bytes, rendered with the collection's codecs. The bytes are exactly the
   * document's: {@code new RawBsonDocument(document, codec)} keeps the buffer it encoded into,
   * which starts at 1 KB and doubles, so a filter by id of 40 bytes held 1 KB until its step was
   * sent (writes built ahead live through several young collections and are promoted).
   */
  static RawBsonDocument bson(Bson bson, CodecRegistry codecs) {
    if (bson instanceof RawBsonDocument raw) {
      return raw;
    }
    BsonDocument rendered = bson.toBsonDocument(Document.class, codecs);
    BasicOutputBuffer buffer = new BasicOutputBuffer(FIRST_BUFFER);
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      CODEC.encode(writer, rendered, CONTEXT);
    }
    return new RawBsonDocument(buffer.toByteArray());
  }

  /**
   * The filter {@code {_id: id}}, written straight to BSON: a batch selects thousands of documents
   * by id, and rendering {@code Filters.eq} through the codec registry built a document, a codec
   * lookup and a buffer for each.
   */
  static RawBsonDocument byId(String id) {
    BasicOutputBuffer buffer = new BasicOutputBuffer(16 + 3 * id.length());
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeString("_id", id);
      writer.writeEndDocument();
    }
    return new RawBsonDocument(buffer.toByteArray());
  }

  /** Bytes a document is first encoded into: a filter by id fits. */
  private static final int FIRST_BUFFER = 128;

  /** An upsert of the document {@code filter} selects, both encoded. */
  static UpdateOneModel<Document> upsert(
      MongoCollection<Document> collection, Bson filter, Bson update) {
    return upsert(collection.getCodecRegistry(), filter, update);
  }

  /** The same, rendered with {@code codecs}. */
  static UpdateOneModel<Document> upsert(CodecRegistry codecs, Bson filter, Bson update) {
    return new UpdateOneModel<>(bson(filter, codecs), bson(update, codecs), UPSERT);
  }

  /** A delete of every document {@code filter} selects, encoded. */
  static DeleteManyModel<Document> deleteMany(MongoCollection<Document> collection, Bson filter) {
    return new DeleteManyModel<>(bson(filter, collection.getCodecRegistry()));
  }

  /** A step with nothing to send. */
  static final Runnable NOTHING = () -> {};

  /**
   * Sends writes built ahead as one unordered bulk write when it is run; {@link #NOTHING} when
   * there are none.
   */
  static Runnable unordered(
      MongoCollection<Document> collection, List<? extends WriteModel<Document>> writes) {
    if (writes.isEmpty()) {
      return NOTHING;
    }
    return () -> collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
  }
}
