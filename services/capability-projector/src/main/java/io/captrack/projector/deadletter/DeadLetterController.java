package io.captrack.projector.deadletter;

import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoints for dead letters, per consumed topic. */
@RestController
@RequestMapping("/dead-letters/{topic}")
class DeadLetterController {

  private final DeadLetters deadLetters;

  DeadLetterController(DeadLetters deadLetters) {
    this.deadLetters = deadLetters;
  }

  @GetMapping
  List<DeadLetters.DeadLetter> list(@PathVariable String topic) {
    return deadLetters.list(source(topic));
  }

  /** Re-drives every dead letter not handled yet, or only those of one key. */
  @PostMapping("/redrive")
  DeadLetters.Redrive redrive(
      @PathVariable String topic, @RequestParam(required = false) String key) {
    return deadLetters.redrive(source(topic), key);
  }

  private static Topic source(String name) {
    return Topics.SOURCES.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                CommandRejectedException.notFound("consumed topic", name)
                    .with("topics", Topics.SOURCES.stream().map(Topic::name).toList()));
  }
}
