package io.captrack.api.stream;

import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class ChangeStreamController {

  private final ChangeBroadcaster broadcaster;
  private final Taxonomy taxonomy;

  ChangeStreamController(ChangeBroadcaster broadcaster, Taxonomy taxonomy) {
    this.broadcaster = broadcaster;
    this.taxonomy = taxonomy;
  }

  /**
   * Server-Sent Events: one {@code captrack.capability.coverage-changed.v1} event per change, for
   * the capabilities and areas asked for (all when none). Every event's id ends with the stream's
   * position; send the last one back as {@code Last-Event-ID} to get what was missed, once.
   */
  @GetMapping(path = "/capabilities/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter changes(
      @RequestParam(name = "capability", required = false) List<String> capabilities,
      @RequestParam(name = "area", required = false) List<String> areas,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    StreamPosition resume = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      if (!StreamPosition.valid(lastEventId.trim())) {
        throw new CommandRejectedException(
            HttpStatus.BAD_REQUEST,
            "invalid-last-event-id",
            "Last-Event-ID must be an id this stream sent (partition:offset,...)");
      }
      resume = StreamPosition.parse(lastEventId.trim());
    }
    return broadcaster.subscribe(filter(capabilities, areas), resume);
  }

  private Predicate<String> filter(List<String> capabilities, List<String> areas) {
    Set<String> wanted = new HashSet<>();
    for (String id : capabilities == null ? List.<String>of() : capabilities) {
      if (taxonomy.capability(id).isEmpty()) {
        throw CommandRejectedException.unprocessable(
            "unknown-capability", "no capability " + id + " in the taxonomy");
      }
      wanted.add(id);
    }
    for (String area : areas == null ? List.<String>of() : areas) {
      List<String> inArea =
          taxonomy.capabilities().stream()
              .filter(c -> c.area().equals(area))
              .map(Taxonomy.Capability::id)
              .toList();
      if (inArea.isEmpty()) {
        throw CommandRejectedException.unprocessable(
            "unknown-area", "no area " + area + " in the taxonomy");
      }
      wanted.addAll(inArea);
    }
    return wanted.isEmpty() ? id -> true : wanted::contains;
  }
}
