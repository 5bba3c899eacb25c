package io.captrack.projector.bench;

import io.captrack.projector.timeline.CompanyHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One load of the benchmark: a company's ten years ({@link CompanyHistory}) as its services record
 * them, in the order they were recorded: 2,000 partners (registrations, qualification rounds,
 * status changes, agreements, amendments, renewals, terminations) and as many people as it takes to
 * reach the size asked.
 *
 * @param recent 90% of events recorded within 30 days of taking effect (the usual day), else
 *     recorded up to 500 days after (today's back-dated load)
 */
record BenchLoad(
    String name, List<CloudEvent<?>> events, int people, int partners, long partnerEvents) {

  static final int PARTNERS = 2000;

  static BenchLoad generate(String name, boolean recent, int size, List<String> capabilities) {
    Random lags = new Random(name.hashCode());
    IntSupplier lag =
        recent
            ? () -> lags.nextInt(10) < 9 ? lags.nextInt(31) : 31 + lags.nextInt(470)
            : () -> lags.nextInt(501);
    LocalDate to = LocalDate.now().minusDays(1);
    CompanyHistory company =
        new CompanyHistory(20261129L, capabilities, name + "-", to.minusYears(10), to, lag);
    List<CloudEvent<?>> events = new ArrayList<>(size + 64);
    for (int i = 0; i < PARTNERS; i++) {
      events.addAll(company.partner(String.format("%s-partner-%04d", name, i)));
    }
    long partnerEvents = events.size();
    int people = 0;
    HexFormat hex = HexFormat.of();
    while (events.size() < size) {
      byte[] ref = new byte[32];
      new Random(name.hashCode() * 31L + people++).nextBytes(ref);
      events.addAll(company.person(hex.formatHex(ref)));
    }
    events.sort(Comparator.comparing(CloudEvent::recordedAt));
    return new BenchLoad(name, events, people, PARTNERS, partnerEvents);
  }

  /** Sends the load, in recorded order, with a producer tuned for throughput. */
  void produce(String bootstrap, CloudEventCodec codec) {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                512 * 1024),
            new StringSerializer(),
            new ByteArraySerializer())) {
      events.forEach(e -> producer.send(codec.toRecord(e)));
      producer.flush();
    }
  }

  double partnerShare() {
    return (double) partnerEvents / events.size();
  }

  /** The person or partner an event belongs to: where a raw writer puts it. */
  static String owner(CloudEvent<?> e) {
    if (e.type().topic().equals(Topics.LEARNING_EVENTS) && e.partitionKey() != null) {
      return e.partitionKey();
    }
    return e.subject();
  }
}
