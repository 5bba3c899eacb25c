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

  /**
   * A new event about a person's enrolment or credential, effective at the start of the given day.
   * Its subject is the enrolment or credential; its Kafka key is the person, so that the person's
   * talent and learning events share a partition number and one projector instance owns them.
   */
  public <T> CloudEvent<T> of(
      EventType<T> type, LocalDate effective, String subject, String personRef, T data) {
    return CloudEvent.of(
            type,
            identity.source(),
            effective.atStartOfDay().atOffset(ZoneOffset.UTC),
            subject,
            data)
        .withPartitionKey(personRef);
  }
}
