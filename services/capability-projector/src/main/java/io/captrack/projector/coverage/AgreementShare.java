package io.captrack.projector.coverage;

import java.time.LocalDate;

/** What one agreement lends to one capability: its partner, capacity and period. */
record AgreementShare(String partnerId, long fteCenti, LocalDate from, LocalDate to) {

  boolean inForceOn(LocalDate day) {
    return !day.isBefore(from) && (to == null || day.isBefore(to));
  }
}
