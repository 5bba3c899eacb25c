package io.captrack.api.coverage;

import io.captrack.platform.web.CommandRejectedException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/capabilities")
class CoverageController {

  static final int MAX_MONTHS = 120;

  private final CoverageQueries queries;
  private final Clock clock;

  CoverageController(CoverageQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  /** Coverage of every capability on {@code asOf} (default today). */
  @GetMapping
  List<CoverageView> all(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    return queries.all(asOf == null ? LocalDate.now(clock) : asOf);
  }

  @GetMapping("/{capabilityId}")
  CoverageView one(
      @PathVariable String capabilityId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    return queries
        .one(capabilityId, asOf == null ? LocalDate.now(clock) : asOf)
        .orElseThrow(() -> CommandRejectedException.notFound("capability", capabilityId));
  }

  /** Inflows and outflows of holders per channel, month by month. */
  @GetMapping("/{capabilityId}/flows")
  List<Flows> flows(
      @PathVariable String capabilityId,
      @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
      @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth to) {
    checkPeriod(from, to);
    return queries
        .flows(capabilityId, from, to)
        .orElseThrow(() -> CommandRejectedException.notFound("capability", capabilityId));
  }

  /** Monthly series: the figures on the first day of each month from {@code from} to {@code to}. */
  @GetMapping("/{capabilityId}/series")
  List<CoverageView> series(
      @PathVariable String capabilityId,
      @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
      @RequestParam @DateTimeFormat(pattern = "yyyy-MM") YearMonth to) {
    if (to.isBefore(from) || from.plusMonths(MAX_MONTHS).isBefore(to)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period",
          "to must not be before from, and at most " + MAX_MONTHS + " months after it");
    }
    return queries
        .monthly(capabilityId, from, to)
        .orElseThrow(() -> CommandRejectedException.notFound("capability", capabilityId));
  }

  private static void checkPeriod(YearMonth from, YearMonth to) {
    if (to.isBefore(from) || from.plusMonths(MAX_MONTHS).isBefore(to)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period",
          "to must not be before from, and at most " + MAX_MONTHS + " months after it");
    }
  }
}
