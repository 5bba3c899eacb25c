package io.captrack.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.taxonomy.TaxonomyLoader;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

class TaxonomyTests {

  private final Taxonomy taxonomy =
      TaxonomyLoader.load(new ClassPathResource("seeds/taxonomy.json"));

  @Test
  void seedHasTheSevenAreasAndTheirCapabilities() {
    assertThat(taxonomy.areas())
        .extracting(Taxonomy.Area::id)
        .containsExactly("lead", "exp", "build", "data", "mkt", "ops", "eco");
    assertThat(taxonomy.capabilities()).hasSize(18);
    assertThat(
            taxonomy.capabilities().stream()
                .map(Taxonomy.Capability::id)
                .collect(Collectors.toSet()))
        .hasSize(taxonomy.capabilities().size());
    assertThat(taxonomy.capabilities())
        .allSatisfy(c -> assertThat(c.id()).startsWith(c.area() + "."));
    assertThat(taxonomy.levels()).hasSize(8);
  }

  @Test
  void everyCapabilityHasATargetOnTheScale() {
    assertThat(taxonomy.capabilities())
        .allSatisfy(
            c -> {
              assertThat(c.target().level()).isBetween(1, 7);
              assertThat(c.target().headcount()).isNotNegative();
              assertThat(c.target().fte()).isNotNegative();
            });
  }

  @Test
  void aCapabilityIsFoundByItsIdAndOnlyByIt() {
    assertThat(taxonomy.capability("data.ml"))
        .get()
        .extracting(Taxonomy.Capability::area)
        .isEqualTo("data");
    assertThat(taxonomy.capability("data.nope")).isEmpty();
    assertThat(taxonomy.capability("DATA.ML")).isEmpty();
    assertThat(taxonomy.capabilityIds())
        .hasSize(18)
        .contains("data.ml")
        .doesNotContain("data.nope")
        .allSatisfy(
            id ->
                assertThat(taxonomy.capability(id))
                    .get()
                    .extracting(Taxonomy.Capability::id)
                    .isEqualTo(id));
  }

  @Test
  void unknownListsOnlyIdsTheTaxonomyLacks() {
    assertThat(taxonomy.unknown(List.of("data.ml", "data.nope", "x", "data.nope")))
        .containsExactly("data.nope", "x");
  }

  @Test
  void refusesDuplicateIdsAndOrphanCapabilities() {
    Taxonomy.Target target = new Taxonomy.Target(3, 1, BigDecimal.ONE);
    List<Taxonomy.Level> levels = List.of(new Taxonomy.Level(0, "none", "None"));
    List<Taxonomy.Area> areas = List.of(new Taxonomy.Area("data", "Data", "数据"));

    assertThatThrownBy(
            () ->
                new Taxonomy(
                    1,
                    levels,
                    areas,
                    List.of(
                        new Taxonomy.Capability("data.ml", "data", "ML", target),
                        new Taxonomy.Capability("data.ml", "data", "ML again", target))))
        .hasMessageContaining("duplicate capability id data.ml");
    assertThatThrownBy(
            () ->
                new Taxonomy(
                    1,
                    levels,
                    areas,
                    List.of(new Taxonomy.Capability("mkt.x", "mkt", "X", target))))
        .hasMessageContaining("unknown area mkt");
  }
}
