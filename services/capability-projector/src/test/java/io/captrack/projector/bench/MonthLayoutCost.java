package io.captrack.projector.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;

/**
 * What a batch's bulk of calendar buckets costs the stand-in server by the size of a bucket: the
 * question whether buckets of another span (ten days, a quarter) would cost a batch less than
 * months. Each layout is modelled by the two figures that differ between them, the fields of a
 * bucket and the buckets a batch of 5,000 recent records reaches (715 months on average in short
 * runs m1 to m3, 112 fields a month on average in {@code CoverageSizeIT}): 2,600 buckets, bulks of
 * unordered upserts of 23 {@code $inc} paths each, as the projector sends them, on one connection,
 * after five bulks unmeasured. Prints milliseconds per bulk and per bucket, two rounds.
 *
 * <p>{@code java -cp <the module's test classpath> io.captrack.projector.bench.MonthLayoutCost}
 */
final class MonthLayoutCost {

  private static final int BUCKETS = 2_600;
  private static final int PATHS = 23;
  private static final int BULKS = 20;
  private static final int UNMEASURED = 5;

  private record Layout(String name, int fields, int reached) {}

  private MonthLayoutCost() {}

  public static void main(String[] args) {
    List<Layout> layouts =
        List.of(
            new Layout("month", 112, 715),
            new Layout("ten days", 37, 1_000),
            new Layout("quarter", 336, 350),
            new Layout("month, half as many reached", 112, 350),
            new Layout("month, twice the fields", 224, 715));
    MongoServer server = new MongoServer(new MemoryBackend());
    try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
      for (int round = 1; round <= 2; round++) {
        for (Layout layout : layouts) {
          MongoCollection<Document> buckets =
              client.getDatabase("layout").getCollection("round-" + round + "-" + layout.name());
          double ms = measure(buckets, layout);
          System.out.printf(
              "round %d, %-28s %3d fields, %5d buckets a bulk: %6.1f ms a bulk, %.3f ms a bucket%n",
              round, layout.name(), layout.fields(), layout.reached(), ms, ms / layout.reached());
          buckets.drop();
        }
      }
    } finally {
      server.shutdown();
    }
  }

  private static double measure(MongoCollection<Document> buckets, Layout layout) {
    Random random = new Random(1);
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < BUCKETS; i++) {
      Document bucket = new Document("_id", id(i));
      for (int f = 0; f < layout.fields(); f++) {
        bucket.append(String.format("%02d|c%d", f % 31, f / 31), (long) f);
      }
      documents.add(bucket);
    }
    buckets.insertMany(documents);
    long measured = 0;
    for (int b = 0; b < UNMEASURED + BULKS; b++) {
      List<WriteModel<Document>> bulk = new ArrayList<>();
      for (int k = 0; k < layout.reached(); k++) {
        Document inc = new Document();
        for (int p = 0; p < PATHS; p++) {
          inc.append(String.format("%02d|x%d", p % 31, p / 31 + random.nextInt(3)), 1L);
        }
        bulk.add(
            new UpdateOneModel<>(
                Filters.eq("_id", id(random.nextInt(BUCKETS))),
                new Document("$inc", inc),
                new UpdateOptions().upsert(true)));
      }
      long start = System.nanoTime();
      buckets.bulkWrite(bulk, new BulkWriteOptions().ordered(false));
      if (b >= UNMEASURED) {
        measured += System.nanoTime() - start;
      }
    }
    return measured / 1e6 / BULKS;
  }

  private static String id(int i) {
    return "capability-" + (i % 66) + "|" + i;
  }
}
