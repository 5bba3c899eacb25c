package io.captrack.platform.readmodel;

import java.io.DataInput;
import java.io.EOFException;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link BinaryOut} (or {@link java.io.DataOutputStream}) wrote, straight from an array:
 * the values {@link java.io.DataInputStream} over a {@link java.io.ByteArrayInputStream} reads, and
 * the same refusals ({@link EOFException} past the end, {@link UTFDataFormatException} for
 * malformed modified UTF-8), without a lock per byte.
 */
public final class BinaryIn implements DataInput {

  private final byte[] bytes;
  private final int end;
  private int at;

  public BinaryIn(byte[] bytes) {
    this.bytes = bytes;
    this.end = bytes.length;
  }

  /** How many bytes are left. */
  public int available() {
    return end - at;
  }

  private int take(int count) throws EOFException {
    if (end - at < count) {
      at = end;
      throw new EOFException();
    }
    int from = at;
    at += count;
    return from;
  }

  @Override
  public void readFully(byte[] b) throws EOFException {
    readFully(b, 0, b.length);
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws EOFException {
    if (len < 0 || off < 0 || off + len > b.length) {
      throw new IndexOutOfBoundsException();
    }
    System.arraycopy(bytes, take(len), b, off, len);
  }

  @Override
  public int skipBytes(int n) {
    int skipped = Math.max(0, Math.min(n, end - at));
    at += skipped;
    return skipped;
  }

  @Override
  public boolean readBoolean() throws EOFException {
    return bytes[take(1)] != 0;
  }

  @Override
  public byte readByte() throws EOFException {
    return bytes[take(1)];
  }

  @Override
  public int readUnsignedByte() throws EOFException {
    return bytes[take(1)] & 0xFF;
  }

  @Override
  public short readShort() throws EOFException {
    return (short) readUnsignedShort();
  }

  @Override
  public int readUnsignedShort() throws EOFException {
    int i = take(2);
    return ((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF);
  }

  @Override
  public char readChar() throws EOFException {
    return (char) readUnsignedShort();
  }

  @Override
  public int readInt() throws EOFException {
    int i = take(4);
    return ((bytes[i] & 0xFF) << 24)
        | ((bytes[i + 1] & 0xFF) << 16)
        | ((bytes[i + 2] & 0xFF) << 8)
        | (bytes[i + 3] & 0xFF);
  }

  @Override
  public long readLong() throws EOFException {
    return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
  }

  @Override
  public float readFloat() throws EOFException {
    return Float.intBitsToFloat(readInt());
  }

  @Override
  public double readDouble() throws EOFException {
    return Double.longBitsToDouble(readLong());
  }

  /** A line of bytes as chars, ended by LF, CR or CR LF, or by the end; null at the end. */
  @Override
  public String readLine() {
    if (at >= end) {
      return null;
    }
    StringBuilder line = new StringBuilder();
    while (at < end) {
      char c = (char) (bytes[at++] & 0xFF);
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        if (at < end && bytes[at] == '\n') {
          at++;
        }
        break;
      }
      line.append(c);
    }
    return line.toString();
  }

  @Override
  public String readUTF() throws EOFException, UTFDataFormatException {
    int length = readUnsignedShort();
    int from = take(length);
    int stop = from + length;
    int i = from;
    while (i < stop && bytes[i] >= 0) {
      i++;
    }
    if (i == stop) {
      // one byte per char, each below 0x80: the same chars in Latin-1
      return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[length];
    int n = 0;
    for (int k = from; k < i; k++) {
      chars[n++] = (char) bytes[k];
    }
    while (i < stop) {
      int a = bytes[i] & 0xFF;
      switch (a >> 4) {
        case 0, 1, 2, 3, 4, 5, 6, 7 -> {
          chars[n++] = (char) a;
          i++;
        }
        case 12, 13 -> {
          if (i + 2 > stop) {
            throw new UTFDataFormatException("malformed input: partial character at end");
          }
          int b = bytes[i + 1];
          if ((b & 0xC0) != 0x80) {
            throw new UTFDataFormatException("malformed input around byte " + (i + 1 - from));
          }
          chars[n++] = (char) (((a & 0x1F) << 6) | (b & 0x3F));
          i += 2;
        }
        case 14 -> {
          if (i + 3 > stop) {
            throw new UTFDataFormatException("malformed input: partial character at end");
          }
          int b = bytes[i + 1];
          int c = bytes[i + 2];
          if (((b & 0xC0) != 0x80) || ((c & 0xC0) != 0x80)) {
            throw new UTFDataFormatException("malformed input around byte " + (i + 2 - from));
          }
          chars[n++] = (char) (((a & 0x0F) << 12) | ((b & 0x3F) << 6) | (c & 0x3F));
          i += 3;
        }
        default -> throw new UTFDataFormatException("malformed input around byte " + (i - from));
      }
    }
    return new String(chars, 0, n);
  }
}
