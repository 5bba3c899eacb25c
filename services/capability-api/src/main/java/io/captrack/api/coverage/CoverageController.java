package io.captrack.api.coverage;

import io.captrack.platform.web.CommandRejectedException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/capabilities")
class CoverageController {

  private final CoverageQueries queries;

  CoverageController(CoverageQueries queries) {
    this.queries = queries;
  }

  @GetMapping
  List<CoverageView> all() {
    return queries.all();
  }

  @GetMapping("/{capabilityId}")
  CoverageView one(@PathVariable String capabilityId) {
    return queries
        .one(capabilityId)
        .orElseThrow(() -> CommandRejectedException.notFound("capability", capabilityId));
  }
}
