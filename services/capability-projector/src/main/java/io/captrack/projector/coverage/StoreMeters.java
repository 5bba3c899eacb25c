package io.captrack.projector.coverage;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The meters of one generation's store: its memory of histories and of month documents. */
final class StoreMeters {

  private StoreMeters() {}

  /** See {@link CoverageStore#bindTo}. */
  static void bind(
      MeterRegistry meters, String generation, HistoryCache cache, CapabilityReads months) {
    for (int i = 0; i < 2; i++) {
      int which = i;
      String result = i == 0 ? "hit" : "miss";
      FunctionCounter.builder(
              "captrack.projector.history.cache", cache, c -> c.hitsAndMisses()[which])
          .description("Histories a batch found in the projector's memory (hit) or read (miss)")
          .tags("generation", generation, "result", result)
          .register(meters);
      FunctionCounter.builder(
              "captrack.projector.month.memory", months, m -> m.monthHitsAndMisses()[which])
          .description("Month documents of coverage served from the projector's memory or read")
          .tags("generation", generation, "result", result)
          .register(meters);
    }
    Gauge.builder("captrack.projector.history.cache.events", cache, HistoryCache::events)
        .description("Events of histories held in the projector's memory")
        .tag("generation", generation)
        .register(meters);
    Gauge.builder("captrack.projector.history.cache.bound", cache, HistoryCache::bound)
        .description(
            "Bytes the histories held in the projector's memory may take: this generation's share"
                + " of captrack.projector.cache.max-mib")
        .tag("generation", generation)
        .baseUnit("bytes")
        .register(meters);
    Gauge.builder("captrack.projector.history.cache.bytes", cache, HistoryCache::bytes)
        .description("Bytes the histories held in the projector's memory take, as estimated")
        .tag("generation", generation)
        .baseUnit("bytes")
        .register(meters);
  }
}
