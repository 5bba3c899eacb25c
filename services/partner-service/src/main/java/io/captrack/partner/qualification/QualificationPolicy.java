package io.captrack.partner.qualification;

import io.captrack.schemas.partner.QualificationStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which decisions may follow which. REJECTED and DISQUALIFIED end a round; a new round starts over.
 */
final class QualificationPolicy {

  private static final Map<QualificationStatus, Set<QualificationStatus>> ALLOWED =
      Map.of(
          QualificationStatus.IN_PROGRESS,
              EnumSet.of(
                  QualificationStatus.QUALIFIED,
                  QualificationStatus.CONDITIONAL,
                  QualificationStatus.REJECTED),
          QualificationStatus.CONDITIONAL,
              EnumSet.of(QualificationStatus.QUALIFIED, QualificationStatus.DISQUALIFIED),
          QualificationStatus.QUALIFIED,
              EnumSet.of(
                  QualificationStatus.QUALIFIED,
                  QualificationStatus.CONDITIONAL,
                  QualificationStatus.DISQUALIFIED),
          QualificationStatus.REJECTED, EnumSet.noneOf(QualificationStatus.class),
          QualificationStatus.DISQUALIFIED, EnumSet.noneOf(QualificationStatus.class));

  private QualificationPolicy() {}

  static boolean allows(QualificationStatus from, QualificationStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  static Set<QualificationStatus> next(QualificationStatus from) {
    return ALLOWED.get(from);
  }
}
