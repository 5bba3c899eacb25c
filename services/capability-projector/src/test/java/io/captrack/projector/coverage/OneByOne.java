package io.captrack.projector.coverage;

import io.captrack.schemas.CloudEventCodec;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The projector without batching, for the benchmark: each record loaded, derived and written on its
 * own (one coverage {@code updateOne} per record and capability it changes).
 */
public final class OneByOne {

  private final CoverageProjector projector;
  private final CloudEventCodec codec;
  private final CoverageStore store;

  public OneByOne(CoverageProjector projector, CloudEventCodec codec, CoverageStore store) {
    this.projector = projector;
    this.codec = codec;
    this.store = store;
  }

  public void project(ConsumerRecord<String, byte[]> record) {
    projector.project(
        List.of(
            new ProjectionBatch.Input(
                record.partition(),
                CoverageProjector.partition(record.topic(), record.partition()),
                record.offset(),
                codec.decode(record))),
        store,
        false,
        true);
  }
}
