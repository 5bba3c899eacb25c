package io.captrack.projector.deadletter;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventGate;
import io.captrack.schemas.Topic;
import io.captrack.schemas.UnreadableEventException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * What an operator does with dead letters: list them with their reasons, and re-drive them after a
 * fix. A re-driven record that is readable now goes back to its topic; one that still is not goes
 * to {@code <topic>.parked} with the new reason, and so does every later dead letter of the same
 * key, so a key's records never overtake each other. Each dead letter is handled once; the outcome
 * is remembered in {@code dead_letters}.
 */
@Component
public class DeadLetters {

  /** One dead letter as the operator sees it. */
  public record DeadLetter(
      String topic,
      int partition,
      long offset,
      String key,
      String type,
      String reason,
      String state) {}

  /** What a re-drive did. */
  public record Redrive(int redriven, int parked, List<DeadLetter> handled) {}

  private final KafkaProperties kafka;
  private final Producer<String, byte[]> producer;
  private final EventGate gate;
  private final MongoCollection<Document> handled;

  DeadLetters(
      KafkaProperties kafka,
      Producer<String, byte[]> outboxProducer,
      EventGate gate,
      MongoDatabase database) {
    this.kafka = kafka;
    this.producer = outboxProducer;
    this.gate = gate;
    this.handled = database.getCollection("dead_letters");
  }

  public List<DeadLetter> list(Topic source) {
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : read(source.deadLetter())) {
      letters.add(letter(r, stateOf(r)));
    }
    return letters;
  }

  public Redrive redrive(Topic source, String onlyKey) {
    Set<String> blocked = new HashSet<>();
    List<DeadLetter> done = new ArrayList<>();
    int redriven = 0;
    int parked = 0;
    for (ConsumerRecord<String, byte[]> r : read(source.deadLetter())) {
      if (stateOf(r) != null || (onlyKey != null && !onlyKey.equals(r.key()))) {
        continue;
      }
      String failure =
          blocked.contains(r.key())
              ? "an earlier record of this key is parked"
              : unreadable(source, r);
      if (failure == null) {
        send(
            new ProducerRecord<>(
                source.name(), null, r.key(), r.value(), withoutDeadLetterHeaders(r)));
        remember(r, "REDRIVEN", null);
        done.add(letter(r, "REDRIVEN"));
        redriven++;
      } else {
        ProducerRecord<String, byte[]> park =
            new ProducerRecord<>(source.name() + ".parked", null, r.key(), r.value(), r.headers());
        park.headers().add("captrack_parked_reason", failure.getBytes(StandardCharsets.UTF_8));
        send(park);
        blocked.add(r.key());
        remember(r, "PARKED", failure);
        done.add(letter(r, "PARKED"));
        parked++;
      }
    }
    return new Redrive(redriven, parked, done);
  }

  /** Why the projector would refuse the record on its own topic now, or null. */
  private String unreadable(Topic source, ConsumerRecord<String, byte[]> r) {
    try {
      gate.admit(
          new ConsumerRecord<>(
              source.name(),
              r.partition(),
              r.offset(),
              r.timestamp(),
              r.timestampType(),
              -1,
              -1,
              r.key(),
              r.value(),
              r.headers(),
              Optional.empty()));
      return null;
    } catch (UnreadableEventException e) {
      return e.getMessage();
    }
  }

  private static List<Header> withoutDeadLetterHeaders(ConsumerRecord<String, byte[]> r) {
    List<Header> headers = new ArrayList<>();
    r.headers()
        .forEach(
            h -> {
              if (!h.key().startsWith("kafka_dlt-")) {
                headers.add(h);
              }
            });
    return headers;
  }

  private void send(ProducerRecord<String, byte[]> record) {
    try {
      producer.send(record).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused the re-driven record", e.getCause());
    }
  }

  private String stateOf(ConsumerRecord<String, byte[]> r) {
    Document d = handled.find(eq("_id", id(r))).first();
    return d == null ? null : d.getString("state");
  }

  private void remember(ConsumerRecord<String, byte[]> r, String state, String reason) {
    handled.replaceOne(
        eq("_id", id(r)),
        new Document("_id", id(r))
            .append("state", state)
            .append("reason", reason)
            .append("at", Date.from(Instant.now())),
        new ReplaceOptions().upsert(true));
  }

  private static String id(ConsumerRecord<String, byte[]> r) {
    return r.topic() + "|" + r.partition() + "|" + r.offset();
  }

  private DeadLetter letter(ConsumerRecord<String, byte[]> r, String state) {
    return new DeadLetter(
        r.topic(),
        r.partition(),
        r.offset(),
        r.key(),
        CloudEventCodec.header(r.headers(), CloudEventCodec.TYPE),
        CloudEventCodec.header(r.headers(), "kafka_dlt-exception-message"),
        state == null ? "DEAD" : state);
  }

  /** The whole dead-letter topic, in offset order per partition. */
  private List<ConsumerRecord<String, byte[]>> read(String topic) {
    Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("reading " + topic + " took too long");
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }
}
