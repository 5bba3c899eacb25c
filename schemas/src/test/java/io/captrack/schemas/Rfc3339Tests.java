package io.captrack.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The oracle is the JDK: for every text, {@link Rfc3339} answers what {@link OffsetDateTime#parse}
 * and {@link Instant#parse} answer, the same value or a refusal of the same type.
 */
class Rfc3339Tests {

  private static final String ALPHABET = "0123456789-:.TZtz+ eE";

  @Test
  void answersAsTheJdkForTheUsualFormsAndTheirMutations() {
    Random random = new Random(3339);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      String valid = usual(random);
      texts.add(valid);
      texts.add(mutated(valid, random));
    }
    texts.addAll(
        List.of(
            "2024-02-29T12:00:00Z",
            "2023-02-29T12:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-12-31T23:59:60Z",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:00-00:00",
            "2024-01-01T00:00:00+18:00",
            "2024-01-01T00:00:00+18:01",
            "2024-01-01T00:00:00+05:60",
            "2024-01-01T00:00:00.Z",
            "2024-01-01T00:00:00.1234567890Z",
            "2024-01-01t00:00:00z",
            "2024-01-01T00:00Z",
            "2024-01-01T00:00:00+01:00:30",
            "+12024-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01T00:00:00+0100",
            "２０２４-01-01T00:00:00Z"));
    for (String text : texts) {
      assertThat(outcome(Rfc3339::offsetDateTime, text))
          .as(text)
          .isEqualTo(outcome(OffsetDateTime::parse, text));
      assertThat(outcome(Rfc3339::instant, text)).as(text).isEqualTo(outcome(Instant::parse, text));
    }
  }

  /** The value, with its offset for a date-time; or the type of the refusal. */
  private static Object outcome(Function<String, ?> parse, String text) {
    try {
      Object value = parse.apply(text);
      return value instanceof OffsetDateTime t ? t + " " + t.getOffset() : value;
    } catch (RuntimeException e) {
      return e.getClass();
    }
  }

  private static String usual(Random random) {
    String fraction =
        switch (random.nextInt(4)) {
          case 0 -> "";
          case 1 -> "." + digits(random, 3);
          case 2 -> "." + digits(random, 9);
          default -> "." + digits(random, 1 + random.nextInt(9));
        };
    String offset =
        random.nextBoolean()
            ? "Z"
            : String.format(
                "%s%02d:%02d",
                random.nextBoolean() ? "+" : "-", random.nextInt(19), random.nextInt(60));
    return String.format(
            "%04d-%02d-%02dT%02d:%02d:%02d",
            1900 + random.nextInt(200),
            1 + random.nextInt(12),
            1 + random.nextInt(31),
            random.nextInt(24),
            random.nextInt(60),
            random.nextInt(60))
        + fraction
        + offset;
  }

  private static String mutated(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int at = random.nextInt(s.length());
    switch (random.nextInt(3)) {
      case 0 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      case 1 -> s.deleteCharAt(at);
      default -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private static String digits(Random random, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + random.nextInt(10)));
    }
    return s.toString();
  }
}
