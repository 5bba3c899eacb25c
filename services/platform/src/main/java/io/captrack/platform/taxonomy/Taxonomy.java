package io.captrack.platform.taxonomy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The capability taxonomy: areas, capabilities with default targets, and the canonical level scale.
 * Loaded from {@code seeds/taxonomy.json}; checked on load.
 */
public record Taxonomy(
    int version, List<Level> levels, List<Area> areas, List<Capability> capabilities) {

  public Taxonomy {
    levels = List.copyOf(levels);
    areas = List.copyOf(areas);
    capabilities = List.copyOf(capabilities);
    requireUnique(areas.stream().map(Area::id).toList(), "area");
    requireUnique(capabilities.stream().map(Capability::id).toList(), "capability");
    Set<String> areaIds = areas.stream().map(Area::id).collect(Collectors.toSet());
    for (Capability c : capabilities) {
      if (!areaIds.contains(c.area())) {
        throw new IllegalStateException("capability " + c.id() + " names unknown area " + c.area());
      }
    }
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).level() != i) {
        throw new IllegalStateException("levels must run 0.." + (levels.size() - 1) + " in order");
      }
    }
  }

  /** A level of the canonical scale. */
  public record Level(int level, String id, String name) {}

  /** An area grouping capabilities; {@code sourceName} is the seed article's wording. */
  public record Area(String id, String name, String sourceName) {}

  /** A capability with its default target. */
  public record Capability(String id, String area, String name, Target target) {}

  /** The default target: a level, a headcount at that level or above, and partner FTE. */
  public record Target(int level, int headcount, BigDecimal fte) {}

  /**
   * The capability with that id, if the taxonomy has it: a look through its few dozen capabilities,
   * with no map built for it. A caller that asks for every record (the projector's gate) keeps
   * {@link #capabilityIds()} instead.
   */
  public Optional<Capability> capability(String id) {
    for (Capability c : capabilities) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** The ids of the taxonomy's capabilities, as a set to keep. */
  public Set<String> capabilityIds() {
    return capabilities.stream().map(Capability::id).collect(Collectors.toUnmodifiableSet());
  }

  /** The ids among those given that the taxonomy does not know, in their order. */
  public List<String> unknown(Collection<String> ids) {
    Set<String> known = capabilityIds();
    return ids.stream().filter(id -> !known.contains(id)).distinct().toList();
  }

  private static void requireUnique(List<String> ids, String what) {
    Set<String> seen = new HashSet<>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new IllegalStateException("duplicate " + what + " id " + id);
      }
    }
  }
}
