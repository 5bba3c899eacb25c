package io.captrack.platform.security;

/** The roles a token can hold (its {@code roles} claim, by default), one per kind of work. */
public final class Roles {

  /** Writes partners, qualifications and agreements. */
  public static final String PROCUREMENT = "procurement";

  /** Writes talent events, maps HR ids to personRefs and erases people. */
  public static final String HR = "hr";

  /** Writes courses, enrolments, completions, credentials and xAPI statements. */
  public static final String LEARNING = "learning";

  /** Sets targets and voids events in error. */
  public static final String PLANNER = "planner";

  /** Runs the projector's operator endpoints and reads actuator beyond health. */
  public static final String OPERATOR = "operator";

  /** Reads the read model, the change stream and the dashboard's data. */
  public static final String VIEWER = "viewer";

  private Roles() {}
}
