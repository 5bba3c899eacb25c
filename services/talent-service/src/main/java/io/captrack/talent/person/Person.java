package io.captrack.talent.person;

import java.time.LocalDate;
import java.util.List;

/**
 * A person as talent-service keeps them: only the personRef, employment dates and what HR recorded.
 * Names and e-mails live apart, in {@link Identities}, and can be erased.
 *
 * @param hireIds the hires recorded, oldest first
 * @param lastHireStart the start of the latest hire
 * @param separatedOn the first day gone, if the person left after the latest hire
 */
public record Person(
    String personRef,
    long version,
    List<String> hireIds,
    LocalDate lastHireStart,
    LocalDate separatedOn) {

  public boolean employed() {
    return lastHireStart != null && separatedOn == null;
  }
}
