package io.captrack.platform.web;

import io.captrack.schemas.EffectiveDates;
import java.lang.reflect.Type;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Refuses a command whose body holds a date outside the range every captrack event accepts ({@link
 * EffectiveDates}), with a 422 problem: the projector would otherwise dead-letter the event the
 * command produced.
 */
@ControllerAdvice
class DateRangeAdvice extends RequestBodyAdviceAdapter {

  @Override
  public boolean supports(
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object afterBodyRead(
      Object body,
      HttpInputMessage inputMessage,
      MethodParameter parameter,
      Type targetType,
      Class<? extends HttpMessageConverter<?>> converterType) {
    EffectiveDates.outOfRange(body, "body")
        .ifPresent(
            why -> {
              throw CommandRejectedException.unprocessable("date-out-of-range", why);
            });
    return body;
  }
}
