package io.captrack.projector.coverage;

import io.captrack.platform.readmodel.BinaryIn;
import io.captrack.platform.readmodel.BinaryOut;
import io.captrack.projector.timeline.Calendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonWriter;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The changes an owner made to coverage in one batch ({@code pending: {n, b}}), kept with the owner
 * so that whoever completes an interrupted batch can apply them to coverage. {@code b} is one
 * binary value (per capability: its id, then each change as day, counter and amount): read only to
 * complete a batch, and one value costs the store far less to write than nested lists of the same
 * changes. An entry of the earlier layout ({@code d: [{c: capabilityId, x: [[day, counter, change],
 * ...]}]}) still reads.
 */
final class PendingDeltas {

  private PendingDeltas() {}

  /** An owner's entry for batch {@code n}: its changes to each capability, or none. */
  static Document encode(Map<String, Calendar> deltas, long n) {
    return new Document("n", n).append("b", new Binary(bytes(deltas)));
  }

  /** The same entry, written straight to {@code writer} as the value of its current name. */
  static void write(BsonWriter writer, Map<String, Calendar> deltas, long n) {
    writer.writeStartDocument();
    writer.writeInt64("n", n);
    writer.writeBinaryData("b", new BsonBinary(bytes(deltas)));
    writer.writeEndDocument();
  }

  private static byte[] bytes(Map<String, Calendar> deltas) {
    BinaryOut out = new BinaryOut(64);
    try {
      Map<String, Calendar> all = deltas == null ? Map.of() : deltas;
      out.writeInt(all.size());
      for (Map.Entry<String, Calendar> delta : all.entrySet()) {
        out.writeUTF(delta.getKey());
        int count = 0;
        for (Map<String, Long> counters : delta.getValue().changes().values()) {
          count += counters.size();
        }
        out.writeInt(count);
        for (Map.Entry<LocalDate, Map<String, Long>> day : delta.getValue().changes().entrySet()) {
          for (Map.Entry<String, Long> change : day.getValue().entrySet()) {
            out.writeLong(day.getKey().toEpochDay());
            out.writeUTF(change.getKey());
            out.writeLong(change.getValue());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Adds an owner's entry to the sums per capability, if it is batch {@code n}'s. */
  static void addTo(Document pending, long n, Map<String, Calendar> sums) {
    if (pending == null || pending.get("n", Number.class).longValue() != n) {
      return;
    }
    Binary b = pending.get("b", Binary.class);
    if (b == null) {
      addEarlierLayout(pending, sums);
      return;
    }
    BinaryIn in = new BinaryIn(b.getData());
    try {
      int capabilities = in.readInt();
      for (int c = 0; c < capabilities; c++) {
        Calendar calendar = sums.computeIfAbsent(in.readUTF(), x -> new Calendar());
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
          LocalDate day = LocalDate.ofEpochDay(in.readLong());
          calendar.put(day, in.readUTF(), in.readLong());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addEarlierLayout(Document pending, Map<String, Calendar> sums) {
    for (Document delta : pending.getList("d", Document.class, List.of())) {
      Calendar calendar = sums.computeIfAbsent(delta.getString("c"), c -> new Calendar());
      for (List<?> change : delta.getList("x", List.class, List.of())) {
        calendar.put(
            LocalDate.parse((String) change.get(0)),
            (String) change.get(1),
            ((Number) change.get(2)).longValue());
      }
    }
  }
}
