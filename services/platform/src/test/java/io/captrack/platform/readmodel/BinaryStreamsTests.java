package io.captrack.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link BinaryOut} writes the bytes {@link DataOutputStream} writes, and {@link BinaryIn} reads
 * what {@link DataInputStream} reads, or refuses what it refuses: the JDK's streams are the oracle,
 * over random sequences of every kind of value and random (often malformed) bytes.
 */
class BinaryStreamsTests {

  private static final int KINDS = 12;

  @Test
  void writesTheBytesOfADataOutputStream() throws IOException {
    for (long seed = 1; seed <= 2_000; seed++) {
      Random random = new Random(seed);
      ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
      DataOutputStream expected = new DataOutputStream(expectedBytes);
      BinaryOut actual = new BinaryOut(random.nextInt(40));
      int values = 1 + random.nextInt(60);
      for (int v = 0; v < values; v++) {
        int kind = random.nextInt(KINDS);
        long draw = random.nextLong();
        String text = text(random);
        String expectedRefusal = write(expected, kind, draw, text);
        String actualRefusal = write(actual, kind, draw, text);
        assertThat(actualRefusal)
            .as("seed %d, value %d, kind %d", seed, v, kind)
            .isEqualTo(expectedRefusal);
      }
      assertThat(actual.toByteArray()).as("seed %d", seed).isEqualTo(expectedBytes.toByteArray());
      assertThat(actual.size()).isEqualTo(expectedBytes.size());
    }
  }

  @Test
  void readsWhatADataInputStreamReads() throws IOException {
    for (long seed = 1; seed <= 6_000; seed++) {
      Random random = new Random(seed);
      byte[] bytes;
      int shape = random.nextInt(3);
      if (shape == 0) {
        // a string as the JDK writes it, a byte or two of it flipped: malformed UTF-8 of every kind
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        String text = text(random);
        new DataOutputStream(written).writeUTF(text.length() > 200 ? text.substring(0, 200) : text);
        bytes = written.toByteArray();
        for (int flips = random.nextInt(3); flips > 0 && bytes.length > 2; flips--) {
          bytes[2 + random.nextInt(bytes.length - 2)] ^= (byte) (1 << random.nextInt(8));
        }
      } else if (shape == 1) {
        // well formed: values as the JDK writes them, perhaps cut short
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(written);
        for (int v = 0; v < 1 + random.nextInt(30); v++) {
          write(out, random.nextInt(KINDS), random.nextLong(), text(random));
        }
        bytes = written.toByteArray();
        if (random.nextInt(4) == 0) {
          bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
        }
      } else {
        // anything: lengths and UTF-8 that lie
        bytes = new byte[random.nextInt(80)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length >= 2) {
          bytes[0] = 0;
          bytes[1] = (byte) random.nextInt(bytes.length);
        }
      }
      DataInputStream expected = new DataInputStream(new ByteArrayInputStream(bytes));
      BinaryIn actual = new BinaryIn(bytes);
      List<Integer> kinds = new ArrayList<>();
      for (int r = 0; r < 40; r++) {
        int kind = shape == 0 && r == 0 ? KINDS + 2 : random.nextInt(KINDS + 3);
        kinds.add(kind);
        Object e = read(expected, kind);
        Object a = read(actual, kind);
        assertThat(a).as("seed %d, reads %s", seed, kinds).isEqualTo(e);
        if (e instanceof String s && s.startsWith("refused ")) {
          break; // past a refusal the JDK's position is its own business
        }
        assertThat(actual.available())
            .as("seed %d, reads %s", seed, kinds)
            .isEqualTo(expected.available());
      }
    }
  }

  private static String text(Random random) {
    int length =
        switch (random.nextInt(20)) {
          case 0 -> 21_000 + random.nextInt(45_000); // near and past 65,535 encoded bytes
          case 1 -> 0;
          default -> random.nextInt(40);
        };
    StringBuilder s = new StringBuilder(length);
    int alphabet = random.nextInt(4);
    for (int i = 0; i < length; i++) {
      s.append(
          switch (alphabet) {
            case 0 -> (char) (0x20 + random.nextInt(0x5F));
            case 1 -> (char) random.nextInt(0x100); // NUL and Latin-1
            case 2 -> random.nextInt(8) == 0 ? (char) random.nextInt(0x10000) : 'a';
            default -> (char) random.nextInt(0x10000); // surrogates on their own too
          });
    }
    return s.toString();
  }

  /** Writes a value of a kind; the refusal's type, if any. */
  private static String write(DataOutput out, int kind, long draw, String text) throws IOException {
    switch (kind) {
      case 0 -> out.write((int) draw);
      case 1 -> out.writeBoolean(draw % 2 == 0);
      case 2 -> out.writeByte((int) draw);
      case 3 -> out.writeShort((int) draw);
      case 4 -> out.writeChar((int) draw);
      case 5 -> out.writeInt((int) draw);
      case 6 -> out.writeLong(draw);
      case 7 -> out.writeFloat(Float.intBitsToFloat((int) draw));
      case 8 -> out.writeDouble(Double.longBitsToDouble(draw));
      case 9 -> out.writeBytes(text.length() > 100 ? text.substring(0, 100) : text);
      case 10 -> out.writeChars(text.length() > 100 ? text.substring(0, 100) : text);
      default -> {
        try {
          out.writeUTF(text);
        } catch (java.io.UTFDataFormatException e) {
          return e.getClass().getSimpleName();
        }
      }
    }
    return null;
  }

  @SuppressWarnings("deprecation")
  private static String readLine(DataInput in) throws IOException {
    return in.readLine();
  }

  /** Reads a value of a kind: the value, or the refusal's type. */
  private static Object read(DataInput in, int kind) {
    try {
      return switch (kind) {
        case 0 -> in.readBoolean();
        case 1 -> in.readByte();
        case 2 -> in.readUnsignedByte();
        case 3 -> in.readShort();
        case 4 -> in.readUnsignedShort();
        case 5 -> in.readChar();
        case 6 -> in.readInt();
        case 7 -> in.readLong();
        case 8 -> Float.floatToRawIntBits(in.readFloat());
        case 9 -> Double.doubleToRawLongBits(in.readDouble());
        case 10 -> in.skipBytes(3);
        case 11 -> {
          byte[] b = new byte[5];
          in.readFully(b, 1, 3);
          yield Arrays.toString(b);
        }
        case 12 -> String.valueOf(readLine(in));
        default -> in.readUTF();
      };
    } catch (IOException e) {
      return "refused " + e.getClass().getSimpleName();
    }
  }
}
