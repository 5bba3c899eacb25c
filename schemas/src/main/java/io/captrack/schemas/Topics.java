package io.captrack.schemas;

import java.util.List;
import java.util.Optional;

/** The typed catalogue of captrack's topics. */
public final class Topics {

  /** Partner onboarding, qualification, status and agreements; keyed by partnerId. */
  public static final Topic PARTNER_EVENTS = new Topic("partner.events", "partnerId", 3);

  /** Hires, redeployments, separations, assessments; keyed by personRef. */
  public static final Topic TALENT_EVENTS = new Topic("talent.events", "personRef", 3);

  /** Enrolments, completions and credentials; keyed by enrolment or credential id. */
  public static final Topic LEARNING_EVENTS = new Topic("learning.events", "personRef", 3);

  /**
   * Targets set by planners, keyed by capabilityId, and corrections of partner events, keyed by the
   * partnerId (partition key) so that they share a partition number with the partner's events.
   */
  public static final Topic PLANNING_EVENTS = new Topic("planning.events", "capabilityId", 3);

  /** Capability changes for dashboards; keyed by capabilityId. */
  public static final Topic CAPABILITY_CHANGES = new Topic("capability.changes", "capabilityId", 3);

  /** The topics the projector consumes. */
  public static final List<Topic> SOURCES =
      List.of(PARTNER_EVENTS, TALENT_EVENTS, LEARNING_EVENTS, PLANNING_EVENTS);

  /** Every topic of the catalogue. */
  public static final List<Topic> ALL =
      List.of(PARTNER_EVENTS, TALENT_EVENTS, LEARNING_EVENTS, PLANNING_EVENTS, CAPABILITY_CHANGES);

  /** A topic of the catalogue by its name. */
  public static Optional<Topic> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  private Topics() {}
}
