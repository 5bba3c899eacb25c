package io.captrack.projector.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.platform.readmodel.BinaryIn;
import io.captrack.platform.readmodel.BinaryOut;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One instance per day, whichever way it comes: by value, or read back from its binary form. */
class SharedTests {

  @Test
  void aDayIsOneInstanceEqualToItself() throws IOException {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      // the table's days, its edges, and days beyond it on either side
      long epochDay =
          switch (random.nextInt(4)) {
            case 0 -> LocalDate.of(1899, 1, 1).toEpochDay() + random.nextInt(3) - 1;
            case 1 -> LocalDate.of(2200, 12, 31).toEpochDay() + random.nextInt(3) - 1;
            case 2 -> LocalDate.of(1000 + random.nextInt(8000), 1, 1).toEpochDay();
            default -> LocalDate.of(1900, 1, 1).toEpochDay() + random.nextInt(110_000);
          };
      LocalDate day = LocalDate.ofEpochDay(epochDay);
      LocalDate shared = Shared.day(LocalDate.ofEpochDay(epochDay));
      assertThat(shared).isEqualTo(day);
      assertThat(Shared.day(day)).isSameAs(shared);

      BinaryOut out = new BinaryOut(8);
      Shared.writeDay(out, day);
      Shared.writeDay(out, null);
      BinaryIn in = new BinaryIn(out.toByteArray());
      assertThat(Shared.readDay(in)).isSameAs(shared);
      assertThat(Shared.readDay(in)).isNull();
    }
    assertThat(Shared.day(null)).isNull();
  }
}
