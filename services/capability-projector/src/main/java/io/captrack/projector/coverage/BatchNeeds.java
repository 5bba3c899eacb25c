package io.captrack.projector.coverage;

import io.captrack.projector.timeline.PeopleIndex;
import io.captrack.schemas.EventVoided;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The ids a batch needs loaded before it can be applied. */
record BatchNeeds(Set<String> partnerIds, Set<String> personRefs, Set<String> requisitionIds) {

  static BatchNeeds of(List<ProjectionBatch.Input> inputs) {
    BatchNeeds needs = new BatchNeeds(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    for (ProjectionBatch.Input in : inputs) {
      String partnerId = ProjectionBatch.partnerOf(in.event());
      String requisitionId = ProjectionBatch.requisitionOf(in.event());
      if (partnerId != null) {
        needs.partnerIds().add(partnerId);
      } else if (requisitionId != null) {
        needs.requisitionIds().add(requisitionId);
      } else if (in.event().data() instanceof EventVoided) {
        // a void joins the person it is keyed by
        String keyed = ProjectionBatch.keyedPerson(in.event());
        if (keyed != null) {
          needs.personRefs().add(keyed);
        }
      }
      PeopleIndex.personOf(in.event()).ifPresent(needs.personRefs()::add);
    }
    return needs;
  }
}
