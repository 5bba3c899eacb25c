package io.captrack.api.position;

import io.captrack.platform.readmodel.AppliedPositions;
import io.captrack.platform.readmodel.PositionToken;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Read your writes, query side: a query with {@code ?after=<Captrack-Position>} answers once the
 * read model has applied that position, waiting at most {@code captrack.api.after-wait} (5 s); past
 * it, a 503 problem with {@code Retry-After}. A token that is not one is a 400 problem.
 */
class ReadYourWritesFilter extends OncePerRequestFilter {

  static final String PARAMETER = "after";
  private static final Duration POLL = Duration.ofMillis(25);

  private final ReadModel readModel;
  private final Duration wait;
  private final Timer applied;
  private final Timer expired;

  ReadYourWritesFilter(ReadModel readModel, Duration wait, MeterRegistry meters) {
    this.readModel = readModel;
    this.wait = wait;
    this.applied = timer(meters, "applied");
    this.expired = timer(meters, "expired");
  }

  private static Timer timer(MeterRegistry meters, String outcome) {
    return Timer.builder("captrack.api.after.wait")
        .description("how long queries with ?after= waited for the read model")
        .tag("outcome", outcome)
        .register(meters);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"GET".equals(request.getMethod()) || request.getParameter(PARAMETER) == null;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    PositionToken token;
    try {
      token = PositionToken.decode(request.getParameter(PARAMETER));
    } catch (IllegalArgumentException e) {
      Problems.write(
          response,
          HttpStatus.BAD_REQUEST,
          "invalid-position",
          "after must be a Captrack-Position header a producer answered with");
      return;
    }
    long started = System.nanoTime();
    long deadline = started + wait.toNanos();
    while (!AppliedPositions.applied(readModel, token)) {
      if (System.nanoTime() >= deadline) {
        expired.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        response.setHeader("Retry-After", "1");
        Problems.write(
            response,
            HttpStatus.SERVICE_UNAVAILABLE,
            "not-yet-applied",
            "the read model has not applied that write within "
                + wait.toMillis()
                + " ms; retry in a moment");
        return;
      }
      try {
        // a bounded wait on the caller's own request, polling one small document per partition
        TimeUnit.NANOSECONDS.sleep(POLL.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServletException("interrupted while waiting for the read model", e);
      }
    }
    applied.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    chain.doFilter(request, response);
  }
}
