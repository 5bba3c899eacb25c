package io.captrack.learning.system;

import io.captrack.platform.ServiceIdentity;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;

/** Makes this service's events and knows its day. */
@Component
public class Events {

  private final ServiceIdentity identity;
  private final Clock clock;

  Events(ServiceIdentity identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** A new event, effective at the start of the given day, keyed by its aggregate. */
  public <T> CloudEvent<T> of(EventType<T> type, LocalDate effective, String key, T data) {
    return CloudEvent.of(
        type, identity.source(), effective.atStartOfDay().atOffset(ZoneOffset.UTC), key, data);
  }
}
