package io.captrack.projector.readmodel;

import io.captrack.platform.outbox.OutboxCollections;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.projector.coverage.CoverageStore;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The outbox collections the relay reads: coverage and expiries of the generation that answers, and
 * of the one before it, whose last change events may still wait after a switch. A generation being
 * rebuilt announces nothing.
 */
@Component
class GenerationOutboxes implements OutboxCollections {

  private final ReadModel readModel;

  GenerationOutboxes(ReadModel readModel) {
    this.readModel = readModel;
  }

  @Override
  public List<String> names() {
    ReadModel.State state = readModel.state();
    List<String> names = new ArrayList<>();
    for (String generation : new String[] {state.current(), state.previous()}) {
      if (generation != null) {
        names.add(ReadModel.name(generation, CoverageStore.COVERAGE));
        names.add(ReadModel.name(generation, CoverageStore.EXPIRIES));
      }
    }
    return names;
  }
}
