package io.captrack.api.stream;

import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class ChangeStreamController {

  private final ChangeBroadcaster broadcaster;

  ChangeStreamController(ChangeBroadcaster broadcaster) {
    this.broadcaster = broadcaster;
  }

  /** Server-Sent Events: one {@code captrack.capability.coverage-changed.v1} event per change. */
  @GetMapping(path = "/capabilities/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter changes() {
    return broadcaster.subscribe(Duration.ofHours(1));
  }
}
