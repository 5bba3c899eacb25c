package io.captrack.platform.readmodel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * How the profile of a person or partner (its stretches of days per capability, flat documents of
 * strings, numbers and nulls) is stored in its document: one binary value, written by
 * capability-projector every batch that changes the owner and read by capability-api. A server
 * rewrites the whole document on every update, and a list of small documents costs it far more to
 * copy, encode and compare than one value of the same content. A profile of the earlier layout (a
 * list of documents) still reads.
 */
public final class StoredProfiles {

  private static final byte NULL = 0;
  private static final byte STRING = 1;
  private static final byte INT = 2;
  private static final byte LONG = 3;

  private StoredProfiles() {}

  /** The stretches as one value; each field a string, an integer, a long or null. */
  public static Binary encode(List<Document> stretches) {
    BinaryOut out = new BinaryOut(64 * stretches.size() + 4);
    try {
      out.writeInt(stretches.size());
      for (Document stretch : stretches) {
        out.writeByte(stretch.size());
        for (Map.Entry<String, Object> field : stretch.entrySet()) {
          out.writeUTF(field.getKey());
          Object v = field.getValue();
          if (v == null) {
            out.writeByte(NULL);
          } else if (v instanceof String s) {
            out.writeByte(STRING);
            out.writeUTF(s);
          } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
          } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
          } else {
            throw new IllegalArgumentException(
                "a profile field holds a string, an integer, a long or null, not "
                    + v.getClass().getSimpleName()
                    + " ("
                    + field.getKey()
                    + ")");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Binary(out.toByteArray());
  }

  /** The stretches a document's {@code profile} holds, in either layout; none when absent. */
  public static List<Document> read(Object stored) {
    if (stored == null) {
      return List.of();
    }
    if (stored instanceof List<?> earlier) {
      List<Document> stretches = new ArrayList<>();
      earlier.forEach(s -> stretches.add((Document) s));
      return stretches;
    }
    byte[] data = ((Binary) stored).getData();
    BinaryIn in = new BinaryIn(data);
    try {
      int count = in.readInt();
      List<Document> stretches = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int fields = in.readUnsignedByte();
        Document stretch = new Document();
        for (int f = 0; f < fields; f++) {
          String name = in.readUTF();
          byte type = in.readByte();
          stretch.put(
              name,
              switch (type) {
                case NULL -> null;
                case STRING -> in.readUTF();
                case INT -> in.readInt();
                case LONG -> in.readLong();
                default -> throw new IllegalStateException("unknown profile field type " + type);
              });
        }
        stretches.add(stretch);
      }
      return stretches;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
