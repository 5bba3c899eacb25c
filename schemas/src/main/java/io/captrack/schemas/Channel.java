package io.captrack.schemas;

/** How a capability was acquired: the four channels of the taxonomy. */
public enum Channel {
  /** Training the people the enterprise has. */
  BUILD,
  /** Hiring from outside. */
  BUY,
  /** Taking it from partners and suppliers. */
  BORROW,
  /** Discovering latent talent already in the business. */
  REDEPLOY
}
