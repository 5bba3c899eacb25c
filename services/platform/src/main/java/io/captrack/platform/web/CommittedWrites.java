package io.captrack.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks the current HTTP request as having committed a write, so that a failure after it (a 5xx
 * while the response is made) is not taken for a command that did nothing.
 */
public final class CommittedWrites {

  static final String ATTRIBUTE = CommittedWrites.class.getName();

  private CommittedWrites() {}

  /** The current request, if there is one, committed a write. */
  public static void mark() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes != null) {
      attributes.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }
  }

  static boolean marked(HttpServletRequest request) {
    return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
  }
}
