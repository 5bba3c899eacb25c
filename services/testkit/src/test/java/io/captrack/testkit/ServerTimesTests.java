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
}
