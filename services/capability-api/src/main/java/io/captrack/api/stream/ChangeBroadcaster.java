package io.captrack.api.stream;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.UnreadableEventException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays {@code capability.changes} to every Server-Sent Events subscriber of this instance. Each
 * instance reads the topic in its own consumer group, so every instance sees every change.
 */
@Component
class ChangeBroadcaster implements SmartLifecycle {

  static final String LISTENER_ID = "capability-change-stream";
  private static final Logger log = LoggerFactory.getLogger(ChangeBroadcaster.class);

  private final List<SseEmitter> subscribers = new CopyOnWriteArrayList<>();
  private final CloudEventCodec codec;
  private volatile boolean running;

  ChangeBroadcaster(CloudEventCodec codec) {
    this.codec = codec;
  }

  SseEmitter subscribe(Duration timeout) {
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    subscribers.add(emitter);
    emitter.onCompletion(() -> subscribers.remove(emitter));
    emitter.onTimeout(() -> subscribers.remove(emitter));
    emitter.onError(e -> subscribers.remove(emitter));
    try {
      emitter.send(SseEmitter.event().comment("subscribed"));
    } catch (IOException e) {
      subscribers.remove(emitter);
    }
    return emitter;
  }

  int subscriberCount() {
    return subscribers.size();
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "capability.changes",
      containerFactory = "changeStreamContainerFactory")
  void on(ConsumerRecord<String, byte[]> record) {
    CloudEvent<?> event;
    try {
      event = codec.decode(record);
    } catch (UnreadableEventException e) {
      log.warn(
          "skipping unreadable change at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return;
    }
    String data = new String(record.value(), StandardCharsets.UTF_8);
    for (SseEmitter emitter : subscribers) {
      try {
        emitter.send(
            SseEmitter.event()
                .id(event.id())
                .name(event.type().name())
                .data(data, MediaType.APPLICATION_JSON));
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(emitter);
      }
    }
  }

  @Override
  public void start() {
    running = true;
  }

  /**
   * Ends open streams before the web server drains, so that clients reconnect elsewhere at once.
   */
  @Override
  public void stop() {
    running = false;
    subscribers.forEach(SseEmitter::complete);
    subscribers.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  /** A comment every 15 s keeps idle connections open through proxies. */
  @Scheduled(fixedRate = 15_000)
  void heartbeat() {
    for (SseEmitter emitter : subscribers) {
      try {
        emitter.send(SseEmitter.event().comment("heartbeat"));
      } catch (IOException | IllegalStateException e) {
        subscribers.remove(emitter);
      }
    }
  }
}
