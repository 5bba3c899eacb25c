package io.captrack.platform.outbox;

import io.captrack.platform.readmodel.PositionToken;
import io.captrack.platform.web.IdempotencyHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Read your writes, producer side: a successful command's answer carries {@code Captrack-Position},
 * where its events landed in Kafka, once the outbox relay has published them (waiting at most
 * {@code captrack.web.position-wait}); when they are not out by then (Kafka away) the answer says
 * {@code Captrack-Position-Pending: true} instead.
 */
class PositionHeaderFilter extends OncePerRequestFilter {

  static final String HEADER = IdempotencyHeaders.POSITION;
  static final String PENDING = "Captrack-Position-Pending";

  private final OutboxRelay relay;
  private final Duration wait;

  PositionHeaderFilter(OutboxRelay relay, Duration wait) {
    this.relay = relay;
    this.wait = wait;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Publications publications = relay.publications();
    Publications.collect(request);
    ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, held);
      if (held.getStatus() >= 200 && held.getStatus() < 300 && Publications.wrote(request)) {
        Optional<List<Publications.Position>> positions = publications.await(request, wait);
        if (positions.isPresent()) {
          held.setHeader(
              HEADER,
              PositionToken.of(
                      positions.get().stream()
                          .map(p -> new PositionToken.Place(p.topic(), p.partition(), p.offset()))
                          .toList())
                  .encode());
        } else {
          held.setHeader(PENDING, "true");
        }
      }
    } finally {
      publications.release(request);
      held.copyBodyToResponse();
    }
  }
}
