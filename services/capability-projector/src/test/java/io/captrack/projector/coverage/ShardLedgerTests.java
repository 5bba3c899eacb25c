package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.captrack.testkit.MongoStandIn;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The shard ledger of two consumers on one MongoDB wire-protocol server (the in-memory stand-in): a
 * consumer that finished its batches knows its shard's state without reading it, and a consumer
 * whose shard another took over is fenced at its next write, whatever it believes.
 */
class ShardLedgerTests {

  private MongoStandIn server;
  private MongoClient client;
  private MongoCollection<Document> shards;

  @BeforeEach
  void start() {
    server = MongoStandIn.inMemory();
    client = MongoClients.create(server.connectionString());
    shards = client.getDatabase("ledger").getCollection("shards");
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aShardTakenOverSinceTheLastBatchFencesItsFormerOwnerAtItsNextIntent() {
    ShardLedger first = new ShardLedger(shards);
    first.assigned(0);
    first.assigned(1);
    long e0 = first.lease(0, false);
    long e1 = first.lease(1, false);
    Map<Integer, Long> held = Map.of(0, e0, 1, e1);
    first.begin(held, Map.of(0, intent(1), 1, intent(1)));
    first.done(held, Map.of(0, 1L, 1, 1L), Map.of(0, Map.of("t-0", 10L), 1, Map.of("t-1", 7L)));
    assertThat(first.state(0)).isEqualTo(new ShardLedger.State(e0, 1, 1, null));

    // another consumer takes shard 1 over and writes a batch of it
    ShardLedger second = new ShardLedger(shards);
    second.assigned(1);
    long taken = second.lease(1, false);
    assertThat(taken).isGreaterThan(e1);
    assertThat(second.state(1)).isEqualTo(new ShardLedger.State(taken, 1, 1, null));
    second.begin(1, taken, intent(2));
    second.done(1, taken, 2, Map.of("t-1", 9L));

    // the first still believes it holds shard 1 at batch 1: its next intent is refused
    assertThat(first.state(1).done()).isEqualTo(1);
    assertThatThrownBy(() -> first.begin(held, Map.of(0, intent(2), 1, intent(2))))
        .isInstanceOf(FencedException.class)
        .hasMessageContaining("cannot begin");
    Document one = shards.find(new Document("_id", "1")).first();
    assertThat(one).isNotNull();
    assertThat(one.get("done", Number.class).longValue()).isEqualTo(2);
    assertThat(one.get("inflight")).as("the newer owner's ledger untouched").isNull();
    // and it no longer takes shard 1 over by itself
    assertThatThrownBy(() -> first.lease(1, false)).isInstanceOf(FencedException.class);
    // shard 0 is still its own: the intent recorded there is completed by its next batch
    assertThat(first.state(0).inflight()).isNotNull();
    assertThat(first.state(0).inflight().n()).isEqualTo(2);
  }

  @Test
  void aCheckOfSeveralShardsFailsWhenAnyOfThemWasTakenOver() {
    ShardLedger first = new ShardLedger(shards);
    first.assigned(0);
    first.assigned(2);
    Map<Integer, Long> held = Map.of(0, first.lease(0, false), 2, first.lease(2, false));
    first.check(held);
    ShardLedger second = new ShardLedger(shards);
    second.assigned(2);
    second.lease(2, false);
    assertThatThrownBy(() -> first.check(held))
        .isInstanceOf(FencedException.class)
        .hasMessageContaining("shard 2");
  }

  @Test
  void anIntentNamesItsOwnersOneArrayOfIdsPerCollectionAndReadsTheOlderListToo() {
    ShardLedger ledger = new ShardLedger(shards);
    ledger.assigned(0);
    long epoch = ledger.lease(0, false);
    List<ShardLedger.OwnerRef> owners =
        List.of(
            new ShardLedger.OwnerRef("people", "a"),
            new ShardLedger.OwnerRef("partners", "p-1"),
            new ShardLedger.OwnerRef("people", "b"),
            new ShardLedger.OwnerRef("requisitions", "r-1"));
    ledger.begin(0, epoch, new ShardLedger.Intent(3, owners, Map.of()));

    Document stored = shards.find(new Document("_id", "0")).first();
    assertThat(stored.get("inflight", Document.class).get("owners", Document.class))
        .isEqualTo(
            new Document("partners", List.of("p-1"))
                .append("people", List.of("a", "b"))
                .append("requisitions", List.of("r-1")));
    ShardLedger fresh = new ShardLedger(shards);
    assertThat(fresh.state(0).inflight().owners()).containsExactlyInAnyOrderElementsOf(owners);

    // as an intent written before 2026-12-03 holds them: a document per owner
    shards.updateOne(
        new Document("_id", "0"),
        new Document(
            "$set",
            new Document(
                "inflight.owners",
                List.of(
                    new Document("c", "people").append("id", "a"),
                    new Document("c", "requisitions").append("id", "r-1")))));
    assertThat(new ShardLedger(shards).state(0).inflight().owners())
        .containsExactly(
            new ShardLedger.OwnerRef("people", "a"),
            new ShardLedger.OwnerRef("requisitions", "r-1"));
  }

  private static ShardLedger.Intent intent(long n) {
    return new ShardLedger.Intent(n, List.of(), Map.of());
  }
}
