package io.captrack.projector.deadletter;

import io.captrack.platform.logging.Correlation;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a record the projector will never apply to {@code <topic>.dlt}, same partition and key,
 * with its headers and the reason ({@code kafka_dlt-exception-message}, as Spring's recoverer names
 * it, so operators' tools read both alike) and where it came from. A value too large for the
 * dead-letter topic travels cut to its first {@value #KEPT_BYTES} bytes: the whole record stays in
 * its own topic, at the offset the headers give.
 */
@Component
public class DeadLetterPublisher {

  public static final String REASON = "kafka_dlt-exception-message";
  public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
  public static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
  public static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
  public static final String CUT = "captrack_dlt_value_cut_from";
  static final int KEPT_BYTES = 64 * 1024;
  private static final int MAX_VALUE_BYTES = 512 * 1024;

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);

  private final Producer<String, byte[]> producer;
  private final MeterRegistry meters;

  DeadLetterPublisher(Producer<String, byte[]> outboxProducer, MeterRegistry meters) {
    this.producer = outboxProducer;
    this.meters = meters;
    // at zero from the start, so a dashboard shows every topic before its first dead letter
    Topics.SOURCES.forEach(t -> deadLetters(t.name()));
  }

  private Counter deadLetters(String topic) {
    return Counter.builder("captrack.projector.dead.letters")
        .description("records sent to a dead-letter topic")
        .tag("topic", topic)
        .register(meters);
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Sends the record with its reason and waits for Kafka to acknowledge it. */
  public void publish(ConsumerRecord<String, byte[]> record, String reason) {
    byte[] value = record.value();
    ProducerRecord<String, byte[]> dead =
        new ProducerRecord<>(
            record.topic() + ".dlt",
            record.partition(),
            record.key(),
            value != null && value.length > MAX_VALUE_BYTES
                ? Arrays.copyOf(value, KEPT_BYTES)
                : value);
    Headers headers = dead.headers();
    record
        .headers()
        .forEach(
            h -> {
              if (!h.key().startsWith("kafka_dlt-")) {
                headers.add(h);
              }
            });
    headers.add(REASON, reason.getBytes(StandardCharsets.UTF_8));
    headers.add(ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
    headers.add(
        ORIGINAL_PARTITION, ByteBuffer.allocate(Integer.BYTES).putInt(record.partition()).array());
    headers.add(ORIGINAL_OFFSET, ByteBuffer.allocate(Long.BYTES).putLong(record.offset()).array());
    if (value != null && value.length > MAX_VALUE_BYTES) {
      headers.add(CUT, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
    }
    try {
      producer.send(dead).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending a dead letter", e);
    } catch (ExecutionException e) {
      // Kafka away: not the record's fault; the batch is retried and the record judged again
      throw new IllegalStateException("cannot send a dead letter to " + dead.topic(), e.getCause());
    }
    deadLetters(record.topic()).increment();
    Correlation.warn(
        log,
        header(record, CloudEventCodec.ID),
        header(record, CloudEventCodec.TYPE),
        "dead-lettered {}-{}@{}: {}",
        record.topic(),
        record.partition(),
        record.offset(),
        reason);
  }

  /** The original offset of a dead letter, or -1 when it carries none. */
  public static long originalOffset(ConsumerRecord<String, byte[]> dead) {
    var h = dead.headers().lastHeader(ORIGINAL_OFFSET);
    return h == null || h.value().length != Long.BYTES ? -1 : ByteBuffer.wrap(h.value()).getLong();
  }
}
