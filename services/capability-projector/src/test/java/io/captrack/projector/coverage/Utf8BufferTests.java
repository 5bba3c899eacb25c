package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonBinaryWriter;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;

/**
 * The oracle is the driver: a document of strings written through either buffer is the same bytes.
 */
class Utf8BufferTests {

  @Test
  void writesTheBytesTheDriversBufferWrites() {
    Random random = new Random(8);
    List<String> values =
        new ArrayList<>(
            List.of(
                "",
                "{\"personRef\":\"ab12\",\"capabilityId\":\"data.ml\"}",
                "nul \u0000 inside",
                "é ü 数据 \u20ac",
                "pair \ud83d\ude00",
                "lone high \ud83d end",
                "lone low \ude00 end"));
    // half the strings without surrogates (the direct way), half with (the driver's)
    String plain = "aZ09 \"{}:,\u0000\u007f\u0080\u00e9\u07ff\u0800\u6570\uffff";
    String surrogates = plain + "\ud83d\ude00";
    for (int i = 0; i < 2000; i++) {
      String alphabet = i % 2 == 0 ? plain : surrogates;
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(600);
      for (int k = 0; k < length; k++) {
        s.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(s.toString());
    }
    for (String value : values) {
      assertThat(written(new Utf8Buffer(), value))
          .as("%s", value)
          .isEqualTo(written(new BasicOutputBuffer(), value));
    }
  }

  private static byte[] written(BasicOutputBuffer buffer, String value) {
    try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
      writer.writeStartDocument();
      writer.writeString("data", value);
      writer.writeString("id", "e-1");
      writer.writeEndDocument();
    }
    return buffer.toByteArray();
  }
}
