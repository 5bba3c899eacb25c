package io.captrack.projector.coverage;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * The histories (people, partners, requisitions) a consumer read or wrote in earlier batches, kept
 * in memory so that the next batch of the same shard neither reads nor decodes them again. Only the
 * shard's owner writes them, so a cached history equals its document while this consumer holds the
 * shard: the cache of a shard is forgotten when it is assigned or revoked, and after any batch that
 * failed (its histories may hold events that were never written). Bounded by the events it holds,
 * least recently used first out.
 */
final class HistoryCache {

  private record Entry(int shard, Object history, int events) {}

  private final long maxEvents;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private long events;
  private long hits;
  private long misses;

  HistoryCache(long maxEvents) {
    this.maxEvents = maxEvents;
  }

  /** The cached histories of the shard among {@code keys} ({@code <collection>:<id>}). */
  synchronized <H> Map<String, H> get(int shard, Set<String> keys, Class<H> type) {
    Map<String, H> found = new HashMap<>();
    for (String key : keys) {
      Entry e = entries.get(key);
      if (e != null && e.shard() == shard && type.isInstance(e.history())) {
        found.put(key, type.cast(e.history()));
        hits++;
      } else {
        misses++;
      }
    }
    return found;
  }

  /** Remembers histories of the shard that equal what is stored, as a written batch leaves them. */
  synchronized <H> void put(int shard, Map<String, H> histories, ToIntFunction<H> size) {
    if (maxEvents <= 0) {
      return;
    }
    histories.forEach(
        (key, h) -> {
          Entry previous = entries.put(key, new Entry(shard, h, size.applyAsInt(h)));
          if (previous != null) {
            events -= previous.events();
          }
          events += size.applyAsInt(h);
        });
    Iterator<Entry> oldest = entries.values().iterator();
    while (events > maxEvents && oldest.hasNext()) {
      events -= oldest.next().events();
      oldest.remove();
    }
  }

  /** Forgets every history of the shard. */
  synchronized void forget(int shard) {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.shard() == shard) {
        events -= e.events();
        it.remove();
      }
    }
  }

  synchronized long events() {
    return events;
  }

  /** Look-ups answered from memory and from the store since start. */
  synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }
}
