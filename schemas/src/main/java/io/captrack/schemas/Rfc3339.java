package io.captrack.schemas;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * RFC 3339 timestamps as every event carries them ({@code ce_time}, {@code ce_recordedat}), read
 * with exactly the answers of {@link OffsetDateTime#parse} and {@link Instant#parse}, without their
 * general-purpose parser for the usual form: {@code yyyy-MM-ddTHH:mm:ss}, a fraction of one to nine
 * digits or none, then {@code Z} or {@code ±HH:MM}. Any other text (another form the JDK accepts,
 * or one it refuses) goes to the JDK's parser, which answers or throws as it always has. Reading
 * the two timestamps of each record took about a fifth of the projector's time at its gate in a
 * flight recording of a catch-up, most of it in the JDK parser's intermediate objects.
 */
public final class Rfc3339 {

  private Rfc3339() {}

  /** As {@link OffsetDateTime#parse(CharSequence)}. */
  public static OffsetDateTime offsetDateTime(String text) {
    OffsetDateTime fast = usual(text);
    return fast != null ? fast : OffsetDateTime.parse(text);
  }

  /** As {@link Instant#parse(CharSequence)}. */
  public static Instant instant(String text) {
    // only UTC by the fast path: other offsets, and leap seconds, are the JDK's to judge
    OffsetDateTime fast = text.endsWith("Z") ? usual(text) : null;
    return fast != null ? fast.toInstant() : Instant.parse(text);
  }

  /** The usual form read directly, or null for anything else. */
  private static OffsetDateTime usual(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int from = ++i;
      while (i < n && i - from < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      int length = i - from;
      if (length == 0 || (i < n && isDigit(s.charAt(i)))) {
        return null;
      }
      for (int k = length; k < 9; k++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, i + 3);
      int om = digits(s, i + 4, i + 6);
      if ((oh | om) < 0 || om > 59) {
        return null;
      }
      try {
        offset =
            ZoneOffset.ofHoursMinutes(s.charAt(i) == '-' ? -oh : oh, s.charAt(i) == '-' ? -om : om);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
      return null;
    }
    if (day < 1 || day > 28 && day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      return null;
    }
    return OffsetDateTime.of(
        LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos)),
        offset);
  }

  /** The decimal number of s[from, to), or -1 when any of it is not an ASCII digit. */
  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
