package io.captrack.schemas.talent;

/** Why a person left. */
public enum SeparationReason {
  VOLUNTARY,
  INVOLUNTARY,
  RETIREMENT,
  END_OF_CONTRACT,
  OTHER
}
