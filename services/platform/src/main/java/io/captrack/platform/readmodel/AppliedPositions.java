package io.captrack.platform.readmodel;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.util.Map;
import org.bson.Document;

/**
 * How far the projector has applied each source partition, as it records it in the read model's
 * {@code shards} collection (one document per partition number, {@code applied.<topic>-<p>} the
 * offset of the last record applied): written by the projector, read by capability-api to answer
 * after a write.
 */
public final class AppliedPositions {

  /** The collection of shard documents, in every generation. */
  public static final String SHARDS = "shards";

  private AppliedPositions() {}

  /** The id of a shard's document: its partition number. */
  public static String shardId(int partition) {
    return Integer.toString(partition);
  }

  /** The key under {@code applied} of a source partition: no dots, which MongoDB reads as paths. */
  public static String key(String topic, int partition) {
    return topic.replace('.', '_') + "-" + partition;
  }

  /** Whether the current generation has applied every position of the token. */
  public static boolean applied(ReadModel readModel, PositionToken token) {
    MongoCollection<Document> shards = readModel.current(SHARDS);
    for (Map.Entry<String, Map<Integer, Long>> topic : token.offsets().entrySet()) {
      for (Map.Entry<Integer, Long> partition : topic.getValue().entrySet()) {
        Document shard = shards.find(eq("_id", shardId(partition.getKey()))).first();
        Document applied = shard == null ? null : shard.get("applied", Document.class);
        Number offset =
            applied == null
                ? null
                : applied.get(key(topic.getKey(), partition.getKey()), Number.class);
        if (offset == null || offset.longValue() < partition.getValue()) {
          return false;
        }
      }
    }
    return true;
  }
}
