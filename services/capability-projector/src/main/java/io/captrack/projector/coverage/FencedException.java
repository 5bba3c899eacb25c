package io.captrack.projector.coverage;

/** This consumer no longer owns the shard: it must not write anything more for it. */
final class FencedException extends RuntimeException {

  FencedException(int shard, String why) {
    super("shard " + shard + ": " + why);
  }
}
