package io.captrack.projector.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HistoryRestoreTests {

  @Test
  void aBatchsWorthIsRestoredHalfOnAHelperAndHalfHereEachUnderItsOwnKey() {
    Map<String, Integer> kept = kept(1_000);
    Set<String> threads = ConcurrentHashMap.newKeySet();

    Map<String, String> restored =
        HistoryLoads.restored(
            kept,
            k -> {
              threads.add(Thread.currentThread().getName());
              return "history " + k;
            });

    assertThat(restored).hasSize(1_000);
    kept.forEach((key, k) -> assertThat(restored).containsEntry(key, "history " + k));
    assertThat(threads)
        .hasSize(2)
        .contains(Thread.currentThread().getName())
        .anyMatch(t -> t.startsWith("batch-helper-"));
  }

  @Test
  void aFewAreRestoredOnTheAskingThreadAlone() {
    Set<String> threads = ConcurrentHashMap.newKeySet();

    Map<String, String> restored =
        HistoryLoads.restored(
            kept(Helpers.WORTH_SHARING - 1),
            k -> {
              threads.add(Thread.currentThread().getName());
              return "history " + k;
            });

    assertThat(restored).hasSize(Helpers.WORTH_SHARING - 1);
    assertThat(threads).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void aFailureOnTheHelpersHalfIsThrownAsItWas() {
    Map<String, Integer> kept = kept(1_000);

    assertThatThrownBy(
            () ->
                HistoryLoads.restored(
                    kept,
                    k -> {
                      if (k == 999) {
                        throw new IllegalArgumentException("frozen form cut short");
                      }
                      return k;
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("frozen form cut short");
  }

  private static Map<String, Integer> kept(int n) {
    Map<String, Integer> kept = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      kept.put("people:p" + i, i);
    }
    return kept;
  }
}
