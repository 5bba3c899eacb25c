package io.captrack.projector.readmodel;

import java.net.URI;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read model's generations for operators: which answers, what is being rebuilt and how far it
 * has come; and the command that starts a rebuild without downtime.
 */
@RestController
@RequestMapping("/read-model")
class ReadModelController {

  private final Generations generations;

  ReadModelController(Generations generations) {
    this.generations = generations;
  }

  @GetMapping
  Map<String, Object> status() {
    return generations.status();
  }

  /**
   * Replays every topic from the start into a new generation while the current one keeps answering;
   * readers switch when it has caught up. 409 while another rebuild runs.
   */
  @PostMapping("/rebuild")
  ResponseEntity<Map<String, Object>> rebuild(
      @RequestParam(name = "switch", defaultValue = "auto") SwitchMode switchMode) {
    String generation = generations.rebuild(switchMode == SwitchMode.auto);
    return ResponseEntity.accepted()
        .location(URI.create("/read-model"))
        .body(
            Map.of(
                "rebuilding", generation,
                "group", generations.group(generation),
                "switch", switchMode.name()));
  }

  /** Switches readers to the generation being built, once it has caught up (else 409). */
  @PostMapping("/switch")
  Map<String, Object> switchNow() {
    return generations.switchNow();
  }

  /** Drops an old generation's collections (not the current one, not one being built). */
  @DeleteMapping("/generations/{generation}")
  ResponseEntity<Void> drop(@PathVariable String generation) {
    generations.drop(generation);
    return ResponseEntity.noContent().build();
  }

  /** When readers move to a rebuilt generation: as soon as it caught up, or on request. */
  enum SwitchMode {
    auto,
    manual
  }
}
