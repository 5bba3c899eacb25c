package io.captrack.schemas.partner;

/** The outcome of qualifying a partner for a scope of capabilities. */
public enum QualificationStatus {
  IN_PROGRESS,
  QUALIFIED,
  CONDITIONAL,
  REJECTED,
  DISQUALIFIED;

  /** Whether the partner may deliver the scope while the qualification is valid. */
  public boolean inForce() {
    return this == QUALIFIED || this == CONDITIONAL;
  }
}
