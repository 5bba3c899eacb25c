package io.captrack.schemas;

/**
 * A correction: the event it names never should have happened, and every view forgets it. The Kafka
 * key is the voided event's key, so the void follows the event it cancels.
 *
 * @param voidedEventId the CloudEvents id of the cancelled event
 * @param voidedEventType its CloudEvents type, when known
 * @param reason why, in the corrector's words
 */
public record EventVoided(String voidedEventId, String voidedEventType, String reason) {

  public EventVoided {
    Require.text(voidedEventId, "voidedEventId");
  }
}
