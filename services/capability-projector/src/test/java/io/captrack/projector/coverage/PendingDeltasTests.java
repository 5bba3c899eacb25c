package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.projector.timeline.Calendar;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class PendingDeltasTests {

  private static final LocalDate MAY_1 = LocalDate.of(2026, 5, 1);
  private static final LocalDate JUNE_3 = LocalDate.of(2026, 6, 3);

  @Test
  void anOwnersChangesOfItsBatchReadBackAndAddUpAcrossOwners() {
    Calendar ux = new Calendar();
    ux.put(MAY_1, "holders", 1);
    ux.put(MAY_1, "L3", 1);
    ux.put(JUNE_3, "L3", -1);
    ux.put(JUNE_3, "L4", 1);
    Calendar data = new Calendar();
    data.put(MAY_1, "fte:pärtner·7", 150);
    Map<String, Calendar> first = new TreeMap<>(Map.of("ux.research", ux, "data.eng", data));
    Calendar again = new Calendar();
    again.put(MAY_1, "holders", 1);
    Map<String, Calendar> second = Map.of("ux.research", again);

    Map<String, Calendar> sums = new TreeMap<>();
    PendingDeltas.addTo(PendingDeltas.encode(first, 7), 7, sums);
    PendingDeltas.addTo(PendingDeltas.encode(second, 7), 7, sums);

    assertThat(sums).containsOnlyKeys("ux.research", "data.eng");
    assertThat(sums.get("ux.research").on(MAY_1)).isEqualTo(Map.of("holders", 2L, "L3", 1L));
    assertThat(sums.get("ux.research").on(JUNE_3)).isEqualTo(Map.of("holders", 2L, "L4", 1L));
    assertThat(sums.get("data.eng").on(JUNE_3)).isEqualTo(Map.of("fte:pärtner·7", 150L));
  }

  @Test
  void anEntryOfAnotherBatchOrNoneAddsNothing() {
    Calendar ux = new Calendar();
    ux.put(MAY_1, "holders", 1);
    Map<String, Calendar> sums = new TreeMap<>();
    PendingDeltas.addTo(PendingDeltas.encode(Map.of("ux.research", ux), 6), 7, sums);
    PendingDeltas.addTo(null, 7, sums);
    PendingDeltas.addTo(PendingDeltas.encode(null, 7), 7, sums);
    assertThat(sums).isEmpty();
  }

  @Test
  void anEntryWrittenInTheEarlierLayoutStillReads() {
    Document earlier =
        new Document("n", 9L)
            .append(
                "d",
                List.of(
                    new Document("c", "ux.research")
                        .append(
                            "x",
                            List.of(
                                List.of("2026-05-01", "holders", 1L),
                                List.of("2026-06-03", "holders", -1L)))));
    Map<String, Calendar> sums = new TreeMap<>();
    PendingDeltas.addTo(earlier, 9, sums);
    assertThat(sums.get("ux.research").on(MAY_1)).isEqualTo(Map.of("holders", 1L));
    assertThat(sums.get("ux.research").on(JUNE_3)).isEmpty();
  }
}
