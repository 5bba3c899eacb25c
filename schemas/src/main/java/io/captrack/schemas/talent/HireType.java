package io.captrack.schemas.talent;

/** The kind of employment a hire starts. */
public enum HireType {
  PERMANENT,
  FIXED_TERM,
  INTERN,
  CONTRACTOR
}
