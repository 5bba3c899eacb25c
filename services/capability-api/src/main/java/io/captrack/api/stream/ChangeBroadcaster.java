package io.captrack.api.stream;

import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.UnreadableEventException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays {@code capability.changes} to every Server-Sent Events subscriber of this instance. Each
 * instance reads the topic in its own consumer group, so every instance sees every change. A
 * subscriber that comes back with a Last-Event-ID first gets what it missed, read again from the
 * topic, then joins the live relay without a change missed or repeated.
 */
class ChangeBroadcaster implements SmartLifecycle {

  static final String LISTENER_ID = "capability-change-stream";
  static final String RESET = "captrack.stream.reset";
  static final String SUBSCRIBED = "captrack.stream.subscribed";
  private static final Logger log = LoggerFactory.getLogger(ChangeBroadcaster.class);

  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private final CloudEventCodec codec;
  private final ChangeLog changeLog;
  private final StreamSettings settings;
  private final ExecutorService senders;
  private final ExecutorService replays;
  private final Counter replayed;
  private final Counter resets;
  private final Counter overflows;
  private final AtomicInteger threads = new AtomicInteger();
  private volatile boolean running;

  ChangeBroadcaster(
      CloudEventCodec codec, ChangeLog changeLog, StreamSettings settings, MeterRegistry meters) {
    this.codec = codec;
    this.changeLog = changeLog;
    this.settings = settings;
    this.senders = Executors.newCachedThreadPool(r -> thread(r, "sse-send-"));
    this.replays = Executors.newCachedThreadPool(r -> thread(r, "sse-replay-"));
    Gauge.builder("captrack.stream.subscribers", subscribers, List::size)
        .description("open Server-Sent Events streams of capability changes")
        .register(meters);
    this.replayed =
        Counter.builder("captrack.stream.replayed")
            .description("changes replayed from the topic to subscribers that resumed")
            .register(meters);
    this.resets =
        Counter.builder("captrack.stream.resets")
            .description("resumes too far behind to replay, told to reload instead")
            .register(meters);
    this.overflows =
        Counter.builder("captrack.stream.overflows")
            .description("streams closed because their client did not keep up")
            .register(meters);
  }

  private Thread thread(Runnable r, String prefix) {
    Thread t = new Thread(r, prefix + threads.incrementAndGet());
    t.setDaemon(true);
    return t;
  }

  /**
   * A new stream of the changes {@code wanted} lets through, from now on or, with {@code resume},
   * from that position.
   */
  SseEmitter subscribe(Predicate<String> wanted, StreamPosition resume) {
    if (subscribers.size() >= settings.maxSubscribers()) {
      throw CommandRejectedException.unavailable(
          "too-many-subscribers",
          "this instance serves at most " + settings.maxSubscribers() + " streams; try later",
          Duration.ofSeconds(30));
    }
    SseEmitter emitter = new SseEmitter(settings.timeout().toMillis());
    Subscriber subscriber =
        new Subscriber(
            emitter,
            wanted,
            resume == null ? Map.of() : resume.next(),
            settings.queueCapacity(),
            senders,
            this::overflowed,
            this::unsubscribe);
    // listen first (held back), then read where the topic ends: nothing falls in between
    subscribers.add(subscriber);
    emitter.onCompletion(() -> unsubscribe(subscriber));
    emitter.onTimeout(() -> unsubscribe(subscriber));
    emitter.onError(e -> unsubscribe(subscriber));
    Map<Integer, Long> ends;
    try {
      ends = changeLog.ends();
    } catch (RuntimeException e) {
      unsubscribe(subscriber);
      log.warn(
          "cannot open a change stream: Kafka did not give the topic's offsets: {}", e.toString());
      throw CommandRejectedException.unavailable(
          "stream-unavailable", "the change log cannot be read now", Duration.ofSeconds(5));
    }
    subscriber.send(SseEmitter.event().comment("subscribed"));
    if (resume == null) {
      subscriber.startAt(ends);
      start(subscriber);
    } else {
      replays.execute(() -> resume(subscriber, resume.next(), ends));
    }
    return emitter;
  }

  private void start(Subscriber subscriber) {
    subscriber.sendMarked(null, SUBSCRIBED, "{}");
    subscriber.goLive();
  }

  private void resume(Subscriber subscriber, Map<Integer, Long> from, Map<Integer, Long> ends) {
    try {
      long behind = 0;
      Map<Integer, Long> beginnings = changeLog.beginnings();
      boolean truncated = false;
      for (Map.Entry<Integer, Long> end : ends.entrySet()) {
        long start = from.getOrDefault(end.getKey(), 0L);
        behind += Math.max(0, end.getValue() - start);
        truncated |= start < beginnings.getOrDefault(end.getKey(), 0L);
      }
      if (truncated || behind > settings.maxReplay()) {
        resets.increment();
        log.info(
            "a resumed stream is {} changes behind{}: told to reload",
            behind,
            truncated ? ", some no longer in the log" : "");
        subscriber.startAt(ends);
        subscriber.sendMarked(
            null,
            RESET,
            "{\"reason\":\""
                + (truncated ? "changes since then are no longer kept" : "too far behind")
                + "\",\"behind\":"
                + behind
                + "}");
        subscriber.goLive();
        return;
      }
      changeLog.replay(
          from,
          ends,
          Duration.ofSeconds(30),
          record -> {
            subscriber.replayed(toChange(record));
            replayed.increment();
          });
      start(subscriber);
    } catch (RuntimeException e) {
      log.warn("replaying changes to a resumed stream failed; closing it: {}", e.toString());
      unsubscribe(subscriber);
      subscriber.emitter().complete();
    }
  }

  private void overflowed(Subscriber subscriber) {
    overflows.increment();
    log.warn(
        "closing a change stream whose client fell {} changes behind; it resumes from its"
            + " Last-Event-ID",
        settings.queueCapacity());
    unsubscribe(subscriber);
    senders.execute(() -> subscriber.emitter().complete());
  }

  private void unsubscribe(Subscriber subscriber) {
    subscriber.close();
    subscribers.remove(subscriber);
  }

  @KafkaListener(
      id = LISTENER_ID,
      idIsGroup = false,
      topics = "capability.changes",
      containerFactory = "changeStreamContainerFactory")
  void on(ConsumerRecord<String, byte[]> record) {
    ChangeRecord change = toChange(record);
    for (Subscriber subscriber : subscribers) {
      subscriber.live(change);
    }
  }

  /** The record as the stream relays it; an unreadable one only moves the position on. */
  private ChangeRecord toChange(ConsumerRecord<String, byte[]> record) {
    try {
      CloudEvent<?> event = codec.decode(record);
      return new ChangeRecord(
          record.partition(),
          record.offset(),
          record.key(),
          event.id(),
          event.type().name(),
          new String(record.value(), StandardCharsets.UTF_8));
    } catch (UnreadableEventException e) {
      log.warn(
          "skipping unreadable change at {}-{}@{}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          e.getMessage());
      return new ChangeRecord(record.partition(), record.offset(), record.key(), null, null, null);
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
    subscribers.forEach(
        s -> {
          s.close();
          s.emitter().complete();
        });
    subscribers.clear();
    replays.shutdownNow();
    senders.shutdownNow();
    changeLog.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }

  /** A comment every {@code captrack.stream.heartbeat} keeps idle connections open. */
  @Scheduled(fixedRateString = "${captrack.stream.heartbeat:15s}")
  void heartbeat() {
    for (Subscriber subscriber : subscribers) {
      subscriber.send(SseEmitter.event().comment("heartbeat"));
    }
  }
}
