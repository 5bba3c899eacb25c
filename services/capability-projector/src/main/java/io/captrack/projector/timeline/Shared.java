package io.captrack.projector.timeline;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Values every history repeats, one instance each, and their compact binary form: the taxonomy's
 * capability ids and a few thousand days recur in the facts of every person and partner the
 * projector keeps. Capabilities are numbered in the order first seen. Bounded: past {@link #MAX}
 * distinct values (a producer not ours naming ever new capabilities) a value keeps its own instance
 * and is written as text.
 */
final class Shared {

  static final int MAX = 20_000;

  private static final Map<String, Integer> CAPABILITY_NUMBERS = new ConcurrentHashMap<>();
  private static final List<String> CAPABILITY_LIST = new CopyOnWriteArrayList<>();
  // the days events may name (EventGate: 1900-01-01 to 2199-12-31) and a year on either side, by
  // their place in a table: no hashing on the way; any other day in DAYS
  private static final long FIRST_DAY = LocalDate.of(1899, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(2200, 12, 31).toEpochDay();
  private static final AtomicReferenceArray<LocalDate> DAY_TABLE =
      new AtomicReferenceArray<>((int) (LAST_DAY - FIRST_DAY + 1));
  private static final Map<LocalDate, LocalDate> DAYS = new ConcurrentHashMap<>();

  private Shared() {}

  /** The earlier of two days; either may be null (unknown), and then the other is the answer. */
  static LocalDate earliest(LocalDate a, LocalDate b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  /** The shared instance of a capability id. */
  static String capability(String id) {
    Integer number = CAPABILITY_NUMBERS.get(id);
    if (number != null) {
      return CAPABILITY_LIST.get(number);
    }
    synchronized (CAPABILITY_LIST) {
      if (CAPABILITY_LIST.size() >= MAX) {
        return id;
      }
      number = CAPABILITY_NUMBERS.get(id);
      if (number == null) {
        number = CAPABILITY_LIST.size();
        CAPABILITY_LIST.add(id);
        CAPABILITY_NUMBERS.put(id, number);
      }
      return CAPABILITY_LIST.get(number);
    }
  }

  /** The shared instance of a day; null for null. */
  static LocalDate day(LocalDate day) {
    if (day == null) {
      return null;
    }
    long epochDay = day.toEpochDay();
    if (epochDay >= FIRST_DAY && epochDay <= LAST_DAY) {
      int i = (int) (epochDay - FIRST_DAY);
      LocalDate shared = DAY_TABLE.get(i);
      if (shared != null) {
        return shared;
      }
      return DAY_TABLE.compareAndSet(i, null, day) ? day : DAY_TABLE.get(i);
    }
    if (DAYS.size() >= MAX) {
      return day;
    }
    return DAYS.computeIfAbsent(day, k -> k);
  }

  /** The shared instance of the day {@code epochDay}, made only when there is none yet. */
  private static LocalDate day(long epochDay) {
    if (epochDay >= FIRST_DAY && epochDay <= LAST_DAY) {
      LocalDate shared = DAY_TABLE.get((int) (epochDay - FIRST_DAY));
      if (shared != null) {
        return shared;
      }
    }
    return day(LocalDate.ofEpochDay(epochDay));
  }

  static void writeDay(DataOutput out, LocalDate day) throws IOException {
    out.writeInt(day == null ? Integer.MIN_VALUE : (int) day.toEpochDay());
  }

  static LocalDate readDay(DataInput in) throws IOException {
    int epochDay = in.readInt();
    return epochDay == Integer.MIN_VALUE ? null : day((long) epochDay);
  }

  /** A capability id as its number among those seen, or as text past the shared ones. */
  static void writeCapability(DataOutput out, String capabilityId) throws IOException {
    Integer number = capabilityId == null ? null : CAPABILITY_NUMBERS.get(capabilityId);
    if (number != null) {
      out.writeShort(number);
    } else {
      out.writeShort(-1);
      out.writeBoolean(capabilityId != null);
      if (capabilityId != null) {
        out.writeUTF(capabilityId);
      }
    }
  }

  static String readCapability(DataInput in) throws IOException {
    int number = in.readShort();
    if (number >= 0) {
      return CAPABILITY_LIST.get(number);
    }
    return in.readBoolean() ? capability(in.readUTF()) : null;
  }

  /** A list of capability ids, its ids shared; -1 for null. */
  static void writeCapabilities(DataOutput out, List<String> capabilityIds) throws IOException {
    out.writeShort(capabilityIds == null ? -1 : capabilityIds.size());
    if (capabilityIds != null) {
      for (String c : capabilityIds) {
        writeCapability(out, c);
      }
    }
  }

  static List<String> readCapabilities(DataInput in) throws IOException {
    int count = in.readShort();
    if (count < 0) {
      return null;
    }
    String[] ids = new String[count];
    for (int i = 0; i < count; i++) {
      ids[i] = readCapability(in);
    }
    return List.of(ids);
  }
}
