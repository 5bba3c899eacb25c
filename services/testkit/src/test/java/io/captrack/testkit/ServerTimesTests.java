package io.captrack.testkit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The in-memory stand-in counts what it handles by database, collection and command. */
class ServerTimesTests {

  @Test
  void commandsAreCountedByCollectionSinceASnapshot() {
    try (MongoStandIn server = MongoStandIn.inMemory();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> people = client.getDatabase("db").getCollection("people");
      people.insertOne(new Document("_id", "a"));
      Map<String, ServerTimes.Entry> before = server.times().snapshot();

      people.insertOne(new Document("_id", "b"));
      people.find(eq("_id", "a")).first();
      people.find(eq("_id", "b")).first();
      client.getDatabase("db").getCollection("other").find().first();

      List<ServerTimes.Entry> since = server.times().since(before, 10);
      assertThat(since)
          .extracting(ServerTimes.Entry::command, ServerTimes.Entry::count)
          .contains(
              org.assertj.core.groups.Tuple.tuple("db.people insert", 1L),
              org.assertj.core.groups.Tuple.tuple("db.people find", 2L),
              org.assertj.core.groups.Tuple.tuple("db.other find", 1L));
      assertThat(since).allMatch(e -> e.nanos() > 0);
      assertThat(since.get(0).nanos()).isGreaterThanOrEqualTo(since.get(since.size() - 1).nanos());
      assertThat(server.times().since(before, 1)).hasSize(1);
    }
  }

  @Test
  void aSlowCommandIsKeptWithWhatItAsked() {
    try (MongoStandIn server = MongoStandIn.inMemory();
        MongoClient client = MongoClients.create(server.connectionString())) {
      MongoCollection<Document> people = client.getDatabase("db").getCollection("people");
      List<Document> many = new java.util.ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        many.add(new Document("_id", i).append("n", i % 7).append("pad", "x".repeat(200)));
      }
      people.insertMany(many);
      long from = System.currentTimeMillis();

      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(
              () -> {
                // a scan of the whole collection: repeated until one takes the threshold or more
                people
                    .find(eq("n", 3))
                    .sort(new Document("pad", -1))
                    .into(new java.util.ArrayList<>());
                return server.times().slowSince(from).stream()
                    .anyMatch(s -> s.command().equals("db.people find"));
              });
      ServerTimes.Slow scan =
          server.times().slowSince(from).stream()
              .filter(s -> s.command().equals("db.people find"))
              .findFirst()
              .orElseThrow();
      assertThat(scan.asked()).contains("filter={\"n\" : 3}");
      assertThat(scan.nanos()).isGreaterThanOrEqualTo(ServerTimes.SLOW_MILLIS * 1_000_000L);
      assertThat(scan.endedAtMillis()).isGreaterThanOrEqualTo(from);
      assertThat(server.times().slowSince(System.currentTimeMillis() + 60_000)).isEmpty();
    }
  }

  @Test
  void whatASlowBulkAskedIsWrittenOnlyAsFarAsItIsKept() {
    // a bulk of updates as the server receives it: many documents, each with a large binary field
    List<Object> updates = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      updates.add(
          new de.bwaldvogel.mongo.bson.Document(
                  "q", new de.bwaldvogel.mongo.bson.Document("_id", i))
              .append(
                  "u",
                  new de.bwaldvogel.mongo.bson.Document(
                      "$set",
                      new de.bwaldvogel.mongo.bson.Document(
                          "profile", new de.bwaldvogel.mongo.bson.BinData(new byte[4096]))))
              .append("upsert", true));
    }
    de.bwaldvogel.mongo.bson.Document bulk =
        new de.bwaldvogel.mongo.bson.Document("update", "people").append("updates", updates);

    String asked = ServerTimes.asked(bulk);

    assertThat(asked)
        .startsWith(
            "updates=[ {\"q\" : {\"_id\" : 0}, \"u\" : {\"$set\" : {\"profile\" :"
                + " BinData(4096 bytes)}}, \"upsert\" : true}, {\"q\" : {\"_id\" : 1}")
        .endsWith("...")
        .hasSize(ServerTimes.ASKED_CHARS + 3);
    // a short command whole, as before
    assertThat(
            ServerTimes.asked(
                new de.bwaldvogel.mongo.bson.Document("find", "people")
                    .append("filter", new de.bwaldvogel.mongo.bson.Document("n", 3))
                    .append("limit", 1)))
        .isEqualTo("filter={\"n\" : 3} limit=1");
  }
}
