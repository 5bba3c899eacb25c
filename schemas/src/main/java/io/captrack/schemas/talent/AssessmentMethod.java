package io.captrack.schemas.talent;

/**
 * How a proficiency was established. Precedence when sources disagree: ASSESSMENT and CERTIFICATION
 * over MANAGER over PEER over SELF; INFERRED (derived by a tool) ranks last.
 */
public enum AssessmentMethod {
  ASSESSMENT(4),
  CERTIFICATION(4),
  MANAGER(3),
  PEER(2),
  SELF(1),
  INFERRED(0);

  private final int precedence;

  AssessmentMethod(int precedence) {
    this.precedence = precedence;
  }

  /** Higher wins. */
  public int precedence() {
    return precedence;
  }
}
