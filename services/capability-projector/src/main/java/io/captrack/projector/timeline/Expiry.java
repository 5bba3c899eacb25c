package io.captrack.projector.timeline;

import java.time.LocalDate;
import java.util.List;

/**
 * Something that stops counting on a known day: a credential, a partner's agreement or
 * qualification.
 *
 * @param kind CREDENTIAL, AGREEMENT or QUALIFICATION
 * @param id the credential, agreement or qualification id
 * @param holder the personRef or partnerId it belongs to
 * @param capabilityIds the capabilities it covers
 * @param lastDay the last day it counts
 */
public record Expiry(
    String kind, String id, String holder, List<String> capabilityIds, LocalDate lastDay) {

  /**
   * A stable key for storage, scoped by the holder: agreement ids are unique per partner only, so
   * two partners' agreements may share one.
   */
  public String key() {
    return holder + "|" + kind + ":" + id;
  }
}
