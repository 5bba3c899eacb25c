package io.captrack.partner.onboarding;

import io.captrack.schemas.partner.PartnerStatus;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The status transitions procurement allows. OFFBOARDED is final. */
final class StatusPolicy {

  private static final Map<PartnerStatus, Set<PartnerStatus>> ALLOWED =
      Map.of(
          PartnerStatus.ONBOARDING, EnumSet.of(PartnerStatus.ACTIVE, PartnerStatus.OFFBOARDED),
          PartnerStatus.ACTIVE,
              EnumSet.of(PartnerStatus.ON_HOLD, PartnerStatus.SUSPENDED, PartnerStatus.OFFBOARDED),
          PartnerStatus.ON_HOLD,
              EnumSet.of(PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED, PartnerStatus.OFFBOARDED),
          PartnerStatus.SUSPENDED, EnumSet.of(PartnerStatus.ACTIVE, PartnerStatus.OFFBOARDED),
          PartnerStatus.OFFBOARDED, EnumSet.noneOf(PartnerStatus.class));

  private StatusPolicy() {}

  static boolean allows(PartnerStatus from, PartnerStatus to) {
    return ALLOWED.get(from).contains(to);
  }

  static Set<PartnerStatus> next(PartnerStatus from) {
    return ALLOWED.get(from);
  }
}
