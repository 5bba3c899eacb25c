package io.captrack.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 before anything reads them: JSON commands get a
 * small limit, CSV imports a larger one.
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
      Problems.write(
          response,
          HttpStatus.CONTENT_TOO_LARGE,
          "body-too-large",
          "the body has "
              + request.getContentLengthLong()
              + " bytes; at most "
              + maxBytes
              + " are accepted");
      return;
    }
    chain.doFilter(request, response);
  }
}
