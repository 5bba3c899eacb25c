package io.captrack.projector.coverage;

import io.captrack.projector.timeline.Holding;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.projector.timeline.PersonHistory;
import io.captrack.projector.timeline.Segment;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The stretches stored with a person or partner, from which capability-api answers profiles. */
final class Profiles {

  private Profiles() {}

  /** A person's holdings as stretches of days per capability, for the person profile. */
  static List<Document> of(PersonHistory person) {
    List<Document> profile = new ArrayList<>();
    for (String capabilityId : person.capabilities()) {
      for (Segment<Holding> s : person.holdings(capabilityId)) {
        profile.add(
            stretch(capabilityId, s)
                .append("level", s.value().level())
                .append("channel", s.value().channel().name()));
      }
    }
    return profile;
  }

  /** A partner's lent capacity as stretches of days per capability, for the partner profile. */
  static List<Document> of(PartnerHistory partner) {
    List<Document> profile = new ArrayList<>();
    for (String capabilityId : partner.capabilities()) {
      for (Segment<Long> s : partner.lentStretches(capabilityId)) {
        profile.add(stretch(capabilityId, s).append("fteCenti", s.value()));
      }
    }
    return profile;
  }

  private static Document stretch(String capabilityId, Segment<?> s) {
    return new Document("capabilityId", capabilityId)
        .append("from", s.from().toString())
        .append("to", s.to() == null ? null : s.to().toString());
  }
}
