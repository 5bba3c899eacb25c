package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import io.captrack.projector.timeline.Calendar;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.CapabilityLevel;
import io.captrack.schemas.talent.HireType;
import io.captrack.schemas.talent.TalentHired;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

/** What is written straight to BSON reads back as the documents the readers know. */
class EncodedWritesTests {

  private static final StoredEvents STORED = new StoredEvents(new CloudEventCodec());

  @Test
  void anEventWrittenStraightToBsonIsTheDocumentItsReaderDecodes() {
    CloudEvent<TalentHired> hire =
        CloudEvent.of(
            EventTypes.TALENT_HIRED,
            "/talent",
            OffsetDateTime.parse("2026-01-05T09:00:00+01:00"),
            "a".repeat(64),
            new TalentHired(
                "a".repeat(64),
                List.of(new CapabilityLevel("exp.ux_designer", 3)),
                LocalDate.of(2026, 1, 5),
                HireType.PERMANENT));

    RawBsonDocument written = wrapped(w -> STORED.write(w, hire));

    assertThat(written.getDocument("v")).isEqualTo(rendered(STORED.encode(hire)));
    CloudEvent<?> back = STORED.decode(Document.parse(written.getDocument("v").toJson()));
    assertThat(back.id()).isEqualTo(hire.id());
    assertThat(back.data()).isEqualTo(hire.data());
    assertThat(back.time()).isEqualTo(hire.time());
  }

  @Test
  void aFilterByIdWrittenStraightToBsonIsTheOneTheDriverRenders() {
    for (String id : List.of("p1", "a".repeat(64), "people:ü:7", "")) {
      assertThat(Encoded.byId(id)).isEqualTo(rendered(Filters.eq("_id", id)));
    }
  }

  @Test
  void pendingDeltasWrittenStraightToBsonAreTheEntryTheyReadBackFrom() {
    Calendar ux = new Calendar();
    ux.put(LocalDate.of(2026, 5, 1), "holders", 1);
    ux.put(LocalDate.of(2026, 6, 3), "L3", -1);
    Map<String, Calendar> deltas = Map.of("exp.ux_designer", ux);

    RawBsonDocument written = wrapped(w -> PendingDeltas.write(w, deltas, 7));

    assertThat(written.getDocument("v")).isEqualTo(rendered(PendingDeltas.encode(deltas, 7)));
  }

  /** {@code {v: <what write wrote>}}. */
  private static RawBsonDocument wrapped(Consumer<BsonBinaryWriter> write) {
    BasicOutputBuffer buffer = new BasicOutputBuffer();
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeName("v");
      write.accept(writer);
      writer.writeEndDocument();
    }
    return new RawBsonDocument(buffer.toByteArray());
  }

  @Test
  void anEncodedFilterOrUpdateHoldsExactlyItsBytes() {
    CodecRegistry codecs = MongoClientSettings.getDefaultCodecRegistry();
    List<Bson> counters = new ArrayList<>();
    for (int day = 1; day <= 30; day++) {
      for (int k = 0; k < 8; k++) {
        counters.add(Updates.inc(day + "|counter" + k, 1L));
      }
    }
    Bson filter = Filters.eq("_id", "ux.research|2026-11");
    Bson update = Updates.combine(counters);
    UpdateOneModel<Document> upsert = Encoded.upsert(codecs, filter, update);

    RawBsonDocument encodedFilter = (RawBsonDocument) upsert.getFilter();
    RawBsonDocument encodedUpdate = (RawBsonDocument) upsert.getUpdate();
    assertThat(encodedFilter).isEqualTo(filter.toBsonDocument(Document.class, codecs));
    assertThat(encodedUpdate).isEqualTo(update.toBsonDocument(Document.class, codecs));
    for (RawBsonDocument raw : List.of(encodedFilter, encodedUpdate)) {
      // the array behind the bytes: no room left over from the buffer it was encoded into
      assertThat(raw.getByteBuffer().capacity())
          .as("bytes held for a document of %d", raw.getByteBuffer().remaining())
          .isEqualTo(raw.getByteBuffer().remaining());
    }
    assertThat(encodedUpdate.getByteBuffer().remaining()).isGreaterThan(1024);
  }

  private static BsonDocument rendered(Bson d) {
    return d.toBsonDocument(Document.class, MongoClientSettings.getDefaultCodecRegistry());
  }

  /**
   * A batch's changes into a capability's month documents (README, "read model": each day's change
   * of each counter as field {@code <dd>|<counter>}, the month's net change under {@code net}, the
   * batch number of each shard under {@code seq}): one update per month changed, with a $inc per
   * day and counter, the net changes that are not zero, and on insert the capability and month.
   */
  @Test
  void aMonthUpdateIncrementsEachDayAndTheNetChangeAndRecordsTheBatch() {
    CapabilityState c = CapabilityState.empty("data.ml");
    Calendar changes = new Calendar();
    changes.put(LocalDate.of(2026, 1, 5), "L3", 1);
    changes.put(LocalDate.of(2026, 1, 20), "L3", -1);
    changes.put(LocalDate.of(2026, 1, 20), "fte", 150);
    changes.put(LocalDate.of(2026, 2, 1), "L3", 2);
    c.add(changes);

    List<UpdateOneModel<Document>> writes =
        CoverageDocuments.monthUpdates(c, new java.util.TreeMap<>(Map.of(0, 7L, 2, 3L)), false);

    assertThat(writes).hasSize(2);
    BsonDocument january = rendered(writes.get(0).getUpdate());
    assertThat(rendered(writes.get(0).getFilter()))
        .isEqualTo(BsonDocument.parse("{_id: 'data.ml|2026-01'}"));
    assertThat(january)
        .isEqualTo(
            BsonDocument.parse(
                "{$inc: {'05|L3': {$numberLong: '1'}, '20|L3': {$numberLong: '-1'},"
                    + " '20|fte': {$numberLong: '150'}, 'net.fte': {$numberLong: '150'}},"
                    + " $set: {'seq.0': {$numberLong: '7'}, 'seq.2': {$numberLong: '3'}},"
                    + " $setOnInsert: {capabilityId: 'data.ml', month: '2026-01'}}"));
    assertThat(rendered(writes.get(1).getUpdate()).getDocument("$inc"))
        .isEqualTo(
            BsonDocument.parse("{'01|L3': {$numberLong: '2'}, 'net.L3': {$numberLong: '2'}}"));
  }
}
