package io.captrack.platform.security;

import io.captrack.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as RFC 9457 problems, keeping the {@code WWW-Authenticate} challenge that RFC 6750
 * asks of a bearer-token resource server.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final BearerTokenAuthenticationEntryPoint challenge =
      new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler denial = new BearerTokenAccessDeniedHandler();

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
      throws IOException {
    challenge.commence(request, response, reason);
    String detail =
        reason instanceof InvalidBearerTokenException
            ? "the bearer token was refused: " + reason.getMessage()
            : "this needs a bearer token (Authorization: Bearer <JWT>)";
    Problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", detail);
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    denial.handle(request, response, denied);
    Problems.write(
        response,
        HttpStatus.FORBIDDEN,
        "forbidden",
        "the token's roles do not allow " + request.getMethod() + " " + request.getRequestURI());
  }
}
