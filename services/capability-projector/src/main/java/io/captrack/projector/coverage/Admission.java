package io.captrack.projector.coverage;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventGate;
import io.captrack.schemas.UnreadableEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A batch's records judged at the {@link EventGate}, in their order: the later half on a helper
 * thread while the consumer's thread judges the earlier one (a batch of {@link #SPLIT} records or
 * more), since decoding and validating a record depends on nothing but the record. What the gate
 * throws besides a refusal fails the batch, as it would on one thread.
 */
final class Admission {

  /** Smaller batches (a live one of a few records) are judged on the consumer's thread alone. */
  static final int SPLIT = Helpers.WORTH_SHARING;

  /** A record and its event, or why the gate refused it. */
  record Judged(ConsumerRecord<String, byte[]> record, CloudEvent<?> event, String refused) {}

  private Admission() {}

  static List<Judged> judge(EventGate gate, List<ConsumerRecord<String, byte[]>> records) {
    if (records.size() < SPLIT) {
      return judge(gate, records, 0, records.size());
    }
    int half = records.size() / 2;
    Future<List<Judged>> later =
        Helpers.POOL.submit(() -> judge(gate, records, half, records.size()));
    List<Judged> judged = new ArrayList<>(records.size());
    try {
      judged.addAll(judge(gate, records, 0, half));
    } finally {
      // the later half is awaited even when the earlier one failed: no thread outlives the batch
      List<Judged> rest = await(later);
      judged.addAll(rest);
    }
    return judged;
  }

  private static List<Judged> judge(
      EventGate gate, List<ConsumerRecord<String, byte[]>> records, int from, int to) {
    List<Judged> judged = new ArrayList<>(to - from);
    for (ConsumerRecord<String, byte[]> record : records.subList(from, to)) {
      try {
        judged.add(new Judged(record, gate.admit(record), null));
      } catch (UnreadableEventException e) {
        judged.add(new Judged(record, null, e.getMessage()));
      }
    }
    return judged;
  }

  private static List<Judged> await(Future<List<Judged>> later) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return later.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException("judging records failed", e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
