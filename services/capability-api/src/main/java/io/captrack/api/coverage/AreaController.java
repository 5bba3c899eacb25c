package io.captrack.api.coverage;

import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
    return taxonomy.areas().stream().map(area -> sum(area, day, all)).toList();
  }

  /** One area's figures on the first day of each month from {@code from} to {@code to}. */
  @GetMapping("/areas/{areaId}/series")
  List<AreaView> series(
      @PathVariable String areaId,
      @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
      @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth to) {
    Taxonomy.Area area =
        taxonomy.areas().stream()
            .filter(a -> a.id().equals(areaId))
            .findFirst()
            .orElseThrow(() -> CommandRejectedException.notFound("area", areaId));
    if (to.isBefore(from) || from.plusMonths(CoverageController.MAX_MONTHS).isBefore(to)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period",
          "to must not be before from, and at most "
              + CoverageController.MAX_MONTHS
              + " months after it");
    }
    List<AreaView> months = new ArrayList<>();
    for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
      LocalDate day = m.atDay(1);
      months.add(sum(area, day, queries.all(day)));
    }
    return months;
  }

  private static AreaView sum(Taxonomy.Area area, LocalDate day, List<CoverageView> all) {
    List<CoverageView> in = all.stream().filter(c -> area.id().equals(c.area())).toList();
    return new AreaView(
        area.id(),
        area.name(),
        day,
        in.size(),
        in.stream().mapToInt(CoverageView::holders).sum(),
        in.stream().map(CoverageView::partnerFte).reduce(BigDecimal.ZERO, BigDecimal::add),
        in.stream().filter(c -> c.gap() != null).mapToInt(c -> c.gap().headcount()).sum(),
        (int)
            in.stream()
                .filter(c -> c.gap() != null)
                .filter(c -> c.gap().headcount() > 0 || c.gap().fte().signum() > 0)
                .count());
  }
}
