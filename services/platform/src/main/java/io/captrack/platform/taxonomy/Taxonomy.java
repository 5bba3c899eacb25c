package io.captrack.platform.taxonomy;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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

  /** The capability with that id, if the taxonomy has it. */
  public Optional<Capability> capability(String id) {
    return Optional.ofNullable(byId().get(id));
  }

  /** The ids among those given that the taxonomy does not know, in their order. */
  public List<String> unknown(Collection<String> ids) {
    Map<String, Capability> known = byId();
    return ids.stream().filter(id -> !known.containsKey(id)).distinct().toList();
  }

  private Map<String, Capability> byId() {
    return capabilities.stream()
        .collect(Collectors.toUnmodifiableMap(Capability::id, Function.identity()));
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
