package io.captrack.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule as Spring Security states it for header names and values (assigned code points, none a
 * control character), written as its pattern, against the loop, for every code point.
 */
class HeaderCharactersTests {

  private static final Pattern RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

  @Test
  void everyCodePointIsJudgedAsThePatternJudgesIt() {
    List<String> differ = new ArrayList<>();
    for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
      String one = new String(Character.toChars(c));
      if (HeaderCharacters.allowed(one) != RULE.matcher(one).matches()) {
        differ.add(Integer.toHexString(c));
      }
    }
    assertThat(differ).isEmpty();
  }

  @Test
  void aTokenPassesAndOneControlCharacterAnywhereFailsIt() {
    String token = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    assertThat(HeaderCharacters.allowed(token)).isTrue();
    assertThat(HeaderCharacters.allowed("")).isTrue();
    assertThat(HeaderCharacters.allowed("Grüße, 東京")).isTrue();
    assertThat(HeaderCharacters.allowed(token + "\r\nX-Injected: 1")).isFalse();
    assertThat(HeaderCharacters.allowed("\u0085" + token)).isFalse();
    assertThat(HeaderCharacters.allowed(token.substring(0, 9) + "\u0000" + token.substring(9)))
        .isFalse();
    // a lone surrogate is assigned (category Cs), as the pattern has it
    assertThat(HeaderCharacters.allowed("\ud800")).isEqualTo(RULE.matcher("\ud800").matches());
  }
}
