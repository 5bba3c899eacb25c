package io.captrack.projector.coverage;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The histories (people, partners, requisitions) a consumer read or wrote in earlier batches, kept
 * in memory so that the next batch of the same shard neither reads nor decodes them again. Only the
 * shard's owner writes them, so a cached history equals its document while this consumer holds the
 * shard: the cache of a shard is forgotten when it is assigned or revoked, and after any batch that
 * failed (its histories may hold events that were never written). What is kept is the caller's (a
 * person's facts in their binary form, a partner as its object), each weighed by the bytes it
 * takes; bounded by their sum, least recently used first out.
 */
final class HistoryCache {

  private record Entry(int shard, Object kept, int events, long bytes) {}

  private long maxBytes;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private long events;
  private long bytes;
  private long hits;
  private long misses;

  HistoryCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** What is kept of the shard's histories among {@code keys} ({@code <collection>:<id>}). */
  synchronized <K> Map<String, K> get(int shard, Set<String> keys, Class<K> type) {
    Map<String, K> found = new HashMap<>();
    for (String key : keys) {
      Entry e = entries.get(key);
      if (e != null && e.shard() == shard && type.isInstance(e.kept())) {
        found.put(key, type.cast(e.kept()));
        hits++;
      } else {
        misses++;
      }
    }
    return found;
  }

  /** What is kept of one history: its form in memory, its events and its weight in bytes. */
  record Kept(Object kept, int events, long bytes) {}

  /**
   * What to keep of histories of a shard that equal what is stored, as a written batch leaves them:
   * what {@code keep} makes of each, its events and its weight in bytes. Made by the caller, on any
   * thread, before {@link #put} takes it.
   */
  static <H, K> Map<String, Kept> keeping(
      Map<String, H> histories,
      Function<H, K> keep,
      ToIntFunction<H> size,
      ToLongFunction<K> weight) {
    Map<String, Kept> kept = new HashMap<>();
    histories.forEach(
        (key, h) -> {
          K k = keep.apply(h);
          kept.put(key, new Kept(k, size.applyAsInt(h), weight.applyAsLong(k)));
        });
    return kept;
  }

  /** Remembers what {@link #keeping} made of histories of the shard. */
  synchronized void put(int shard, Map<String, Kept> kept) {
    if (maxBytes <= 0) {
      return;
    }
    kept.forEach(
        (key, k) -> {
          Entry entry = new Entry(shard, k.kept(), k.events(), k.bytes());
          Entry previous = entries.put(key, entry);
          if (previous != null) {
            events -= previous.events();
            bytes -= previous.bytes();
          }
          events += entry.events();
          bytes += entry.bytes();
        });
    evict();
  }

  /**
   * Bounds the memory anew (a share of one budget among read-model generations): what is beyond it
   * goes now, least recently used first; 0 keeps nothing.
   */
  synchronized void bound(long bytes) {
    maxBytes = bytes;
    evict();
  }

  synchronized long bound() {
    return maxBytes;
  }

  private void evict() {
    Iterator<Entry> oldest = entries.values().iterator();
    while (bytes > Math.max(0, maxBytes) && oldest.hasNext()) {
      Entry e = oldest.next();
      events -= e.events();
      bytes -= e.bytes();
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
        bytes -= e.bytes();
        it.remove();
      }
    }
  }

  synchronized long events() {
    return events;
  }

  synchronized long bytes() {
    return bytes;
  }

  /** Look-ups answered from memory and from the store since start. */
  synchronized long[] hitsAndMisses() {
    return new long[] {hits, misses};
  }
}
