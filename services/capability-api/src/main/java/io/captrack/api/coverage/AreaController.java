package io.captrack.api.coverage;

import io.captrack.platform.taxonomy.Taxonomy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Coverage per area of the taxonomy: the sums of its capabilities' figures on a day. */
@RestController
class AreaController {

  /**
   * One area on a day.
   *
   * @param holdings people holding one of its capabilities, counted once per capability
   * @param openGaps capabilities of the area that miss their target
   */
  record AreaView(
      String areaId,
      String name,
      LocalDate asOf,
      int capabilities,
      int holdings,
      BigDecimal partnerFte,
      int headcountGap,
      int openGaps) {}

  private final CoverageQueries queries;
  private final Taxonomy taxonomy;
  private final Clock clock;

  AreaController(CoverageQueries queries, Taxonomy taxonomy, Clock clock) {
    this.queries = queries;
    this.taxonomy = taxonomy;
    this.clock = clock;
  }

  @GetMapping("/areas")
  List<AreaView> areas(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
    List<CoverageView> all = queries.all(day);
    return taxonomy.areas().stream()
        .map(
            area -> {
              List<CoverageView> in = all.stream().filter(c -> area.id().equals(c.area())).toList();
              return new AreaView(
                  area.id(),
                  area.name(),
                  day,
                  in.size(),
                  in.stream().mapToInt(CoverageView::holders).sum(),
                  in.stream()
                      .map(CoverageView::partnerFte)
                      .reduce(BigDecimal.ZERO, BigDecimal::add),
                  in.stream().filter(c -> c.gap() != null).mapToInt(c -> c.gap().headcount()).sum(),
                  (int)
                      in.stream()
                          .filter(c -> c.gap() != null)
                          .filter(c -> c.gap().headcount() > 0 || c.gap().fte().signum() > 0)
                          .count());
            })
        .toList();
  }
}
