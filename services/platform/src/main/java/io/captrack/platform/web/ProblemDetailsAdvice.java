package io.captrack.platform.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every client error as RFC 9457 problem details; field errors listed under {@code errors}. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

  /** A fault of ours: logged with an id the problem repeats, so that support can find it. */
  @ExceptionHandler(Exception.class)
  ProblemDetail unexpected(Exception e) {
    String incident = UUID.randomUUID().toString();
    log.error("unexpected error, incident {}", incident, e);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred; incident " + incident);
    problem.setType(ProblemTypes.uri("internal-error"));
    problem.setTitle("Internal error");
    problem.setProperty("incident", incident);
    return problem;
  }

  @ExceptionHandler(CommandRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(CommandRejectedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(e.type());
    problem.setTitle(e.status().getReasonPhrase());
    e.properties().forEach(problem::setProperty);
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    if (e.retryAfter() != null) {
      response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()));
    }
    return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
    problem.setType(ProblemTypes.uri("invalid-request"));
    problem.setTitle("Invalid request");
    List<Map<String, String>> errors =
        ex.getBindingResult().getFieldErrors().stream()
            .map(
                f ->
                    Map.of(
                        "field",
                        f.getField(),
                        "message",
                        f.getDefaultMessage() == null ? "invalid" : f.getDefaultMessage()))
            .toList();
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid values.");
    problem.setType(ProblemTypes.uri("invalid-request"));
    problem.setTitle("Invalid request");
    List<Map<String, String>> errors =
        ex.getParameterValidationResults().stream()
            .flatMap(
                r ->
                    r.getResolvableErrors().stream()
                        .map(
                            e ->
                                Map.of(
                                    "field",
                                    String.valueOf(r.getMethodParameter().getParameterName()),
                                    "message",
                                    e.getDefaultMessage() == null
                                        ? "invalid"
                                        : e.getDefaultMessage())))
            .toList();
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().body(problem);
  }

  /**
   * Problems Spring raises itself (405, 415, 406...) get a captrack type instead of about:blank.
   */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      HttpStatus known = HttpStatus.resolve(status.value());
      String slug =
          known == null
              ? "http-" + status.value()
              : known.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
      problem.setType(ProblemTypes.uri(slug));
    }
    return super.handleExceptionInternal(ex, body, headers, status, request);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    BodyTooLargeException tooLarge = BodyTooLargeException.in(ex);
    if (tooLarge != null) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE,
              "the body has more than "
                  + tooLarge.limit()
                  + " bytes; at most "
                  + tooLarge.limit()
                  + " are accepted");
      problem.setType(ProblemTypes.uri("body-too-large"));
      problem.setTitle("Body too large");
      return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, "The body is not readable JSON of the expected shape.");
    problem.setType(ProblemTypes.uri("unreadable-body"));
    problem.setTitle("Unreadable body");
    return ResponseEntity.badRequest().body(problem);
  }
}
