package io.captrack.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413: before anything reads them when their length is
 * announced, and as soon as the limit is passed while a body of unannounced length (chunked) is
 * read. JSON commands get a small limit, CSV imports a larger one.
 */
class BodyLimitFilter extends OncePerRequestFilter {

  private final long maxBytes;
  private final long maxImportBytes;

  BodyLimitFilter(long maxBytes, long maxImportBytes) {
    this.maxBytes = maxBytes;
    this.maxImportBytes = maxImportBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType();
    long limit = type != null && type.startsWith("text/csv") ? maxImportBytes : maxBytes;
    if (request.getContentLengthLong() > limit) {
      tooLarge(response, "the body has " + request.getContentLengthLong() + " bytes", limit);
      return;
    }
    if (request.getContentLengthLong() >= 0) {
      chain.doFilter(request, response);
      return;
    }
    try {
      chain.doFilter(new LimitedBodyRequest(request, limit), response);
    } catch (IOException | ServletException | RuntimeException e) {
      BodyTooLargeException tooLarge = BodyTooLargeException.in(e);
      if (tooLarge == null || response.isCommitted()) {
        throw e;
      }
      response.resetBuffer();
      tooLarge(response, "the body has more than " + limit + " bytes", limit);
    }
  }

  private static void tooLarge(HttpServletResponse response, String what, long limit)
      throws IOException {
    Problems.write(
        response,
        HttpStatus.CONTENT_TOO_LARGE,
        "body-too-large",
        what + "; at most " + limit + " are accepted");
  }
}
