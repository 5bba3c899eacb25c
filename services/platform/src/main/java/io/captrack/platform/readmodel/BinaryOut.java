package io.captrack.platform.readmodel;

import java.io.DataOutput;
import java.io.UTFDataFormatException;
import java.util.Arrays;

/**
 * The bytes {@link java.io.DataOutputStream} writes into a {@link java.io.ByteArrayOutputStream},
 * written straight into one growing array: no lock per byte (both of those take one on every {@code
 * write}, four for an int) and no array per string. For the binary forms written by one thread at a
 * time (profiles, pending changes, the histories the projector keeps between batches).
 */
public final class BinaryOut implements DataOutput {

  private static final int MAX_UTF = 65_535;

  private byte[] bytes;
  private int size;

  public BinaryOut(int expected) {
    bytes = new byte[Math.max(16, expected)];
  }

  /** The bytes written so far, in an array of their own. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  public int size() {
    return size;
  }

  private void room(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  @Override
  public void write(int b) {
    room(1);
    bytes[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    room(len);
    System.arraycopy(b, off, bytes, size, len);
    size += len;
  }

  @Override
  public void writeBoolean(boolean v) {
    write(v ? 1 : 0);
  }

  @Override
  public void writeByte(int v) {
    write(v);
  }

  @Override
  public void writeShort(int v) {
    room(2);
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) v;
  }

  @Override
  public void writeChar(int v) {
    writeShort(v);
  }

  @Override
  public void writeInt(int v) {
    room(4);
    bytes[size++] = (byte) (v >>> 24);
    bytes[size++] = (byte) (v >>> 16);
    bytes[size++] = (byte) (v >>> 8);
    bytes[size++] = (byte) v;
  }

  @Override
  public void writeLong(long v) {
    writeInt((int) (v >>> 32));
    writeInt((int) v);
  }

  @Override
  public void writeFloat(float v) {
    writeInt(Float.floatToIntBits(v));
  }

  @Override
  public void writeDouble(double v) {
    writeLong(Double.doubleToLongBits(v));
  }

  @Override
  public void writeBytes(String s) {
    room(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[size++] = (byte) s.charAt(i);
    }
  }

  @Override
  public void writeChars(String s) {
    room(2 * s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      bytes[size++] = (byte) (c >>> 8);
      bytes[size++] = (byte) c;
    }
  }

  /**
   * Modified UTF-8 behind a two-byte length, as {@link java.io.DataOutputStream#writeUTF} writes it
   * (NUL and every char past 0x7F in two or three bytes, a surrogate on its own); nothing written
   * when the encoded string is longer than 65,535 bytes.
   */
  @Override
  public void writeUTF(String s) throws UTFDataFormatException {
    int length = s.length();
    room(2 + length);
    int start = size;
    int at = start + 2;
    for (int i = 0; i < length; i++) {
      char c = s.charAt(i);
      if (c >= 0x0001 && c <= 0x007F) {
        bytes[at++] = (byte) c;
        continue;
      }
      // past ASCII: up to three bytes for each char left
      size = at;
      room(3 * (length - i));
      if (c > 0x07FF) {
        bytes[at++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
        bytes[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      } else {
        bytes[at++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
      }
      bytes[at++] = (byte) (0x80 | (c & 0x3F));
    }
    int encoded = at - start - 2;
    if (encoded > MAX_UTF) {
      size = start;
      throw new UTFDataFormatException("encoded string too long: " + encoded + " bytes");
    }
    bytes[start] = (byte) (encoded >>> 8);
    bytes[start + 1] = (byte) encoded;
    size = at;
  }
}
