package io.captrack.projector.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.talent.RequisitionClosed;
import io.captrack.schemas.talent.RequisitionOpened;
import io.captrack.schemas.talent.RequisitionOutcome;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequisitionHistoryTests {

  private static final LocalDate OPENED = LocalDate.of(2026, 3, 1);
  private static final LocalDate CLOSED = LocalDate.of(2026, 4, 15);
  private int sequence;

  @Test
  void openUntilItClosesThenItsTimeToFillPerPersonHired() {
    RequisitionHistory requisition = new RequisitionHistory();
    CloudEvent<?> opened =
        event(
            EventTypes.REQUISITION_OPENED,
            new RequisitionOpened("r-1", "data.ml", 4, 3, OPENED, null));
    CloudEvent<?> closed =
        event(
            EventTypes.REQUISITION_CLOSED,
            new RequisitionClosed("r-1", CLOSED, RequisitionOutcome.FILLED, 2));
    // closing first, and a duplicate: arrival order and redelivery change nothing
    assertThat(requisition.add(closed)).isTrue();
    assertThat(requisition.add(opened)).isTrue();
    assertThat(requisition.add(opened)).isFalse();

    assertThat(requisition.capabilities()).containsExactly("data.ml");
    assertThat(requisition.countersOn("data.ml", OPENED.minusDays(1))).isEmpty();
    assertThat(requisition.countersOn("data.ml", OPENED)).isEqualTo(Map.of("requisitions", 3L));
    assertThat(requisition.countersOn("data.ml", CLOSED.minusDays(1)))
        .isEqualTo(Map.of("requisitions", 3L));
    assertThat(requisition.countersOn("data.ml", CLOSED)).isEqualTo(Map.of("ttc:BUY:45", 2L));
    assertThat(requisition.countersOn("data.analyst", OPENED)).isEmpty();

    Calendar calendar = Calendar.of(requisition, "data.ml");
    assertThat(calendar.on(LocalDate.of(2026, 3, 20))).isEqualTo(Map.of("requisitions", 3L));
    assertThat(calendar.on(LocalDate.of(2026, 12, 31))).isEqualTo(Map.of("ttc:BUY:45", 2L));
  }

  @Test
  void aCancelledRequisitionLeavesThePipelineWithoutATimeToFill() {
    RequisitionHistory requisition = new RequisitionHistory();
    requisition.add(
        event(
            EventTypes.REQUISITION_OPENED,
            new RequisitionOpened("r-2", "data.ml", 3, 1, OPENED, null)));
    requisition.add(
        event(
            EventTypes.REQUISITION_CLOSED,
            new RequisitionClosed("r-2", CLOSED, RequisitionOutcome.CANCELLED, 0)));
    assertThat(Calendar.of(requisition, "data.ml").on(CLOSED)).isEmpty();
  }

  private <T> CloudEvent<T> event(EventType<T> type, T data) {
    sequence++;
    return new CloudEvent<>(
        "rq-" + sequence,
        "/test",
        type,
        OPENED.atStartOfDay().atOffset(ZoneOffset.UTC),
        "r",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(sequence),
        data);
  }
}
