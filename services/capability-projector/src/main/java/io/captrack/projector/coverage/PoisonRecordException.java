package io.captrack.projector.coverage;

/** A record whose rules threw while it was applied in memory: its index in the batch's inputs. */
final class PoisonRecordException extends RuntimeException {

  private final int index;

  PoisonRecordException(int index, Throwable cause) {
    super("record " + index + " of the batch cannot be applied", cause);
    this.index = index;
  }

  int index() {
    return index;
  }
}
