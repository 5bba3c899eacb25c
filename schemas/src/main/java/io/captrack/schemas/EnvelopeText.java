package io.captrack.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text rules of a record's envelope that {@link EventGate} checks on every record: its headers'
 * characters, its event id's, and valid UTF-8. Written as loops over the characters, since every
 * header of every record passes here.
 */
final class EnvelopeText {

  private EnvelopeText() {}

  /**
   * 1 to 256 printable ASCII characters or spaces. Checked character by character: every header of
   * every record passes here, and a regular expression's matcher cost about 5% of the projector's
   * processor samples during a catch-up.
   */
  static boolean printable(String value) {
    int n = value.length();
    return n >= 1 && n <= 256 && allWithin(value, ' ', '~');
  }

  /** 1 to 128 visible ASCII characters (no space), the first not a {@code $}. */
  static boolean eventId(String id) {
    int n = id.length();
    return n >= 1 && n <= 128 && id.charAt(0) != '$' && allWithin(id, '!', '~');
  }

  private static boolean allWithin(String text, char low, char high) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < low || c > high) {
        return false;
      }
    }
    return true;
  }

  /** Valid UTF-8 (RFC 3629): what the strict decoder accepts. */
  static boolean utf8(byte[] bytes) {
    // nearly every header and payload is ASCII: checked without decoding (a decoder made a buffer
    // of the whole payload for every record)
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return true;
    }
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
