package io.captrack.api.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * One open stream. Changes reach it from the live listener or from a replay; it keeps its position
 * (the next offset per partition), so a change comes at most once, and every event it sends carries
 * that position as its id. Sending happens on a thread of its own from a bounded queue: a slow
 * client never holds up the listener, and one that falls a whole queue behind is closed, to resume
 * from its Last-Event-ID.
 */
final class Subscriber {

  private final SseEmitter emitter;
  private final Predicate<String> wanted;
  private final Map<Integer, Long> position;
  private final BlockingQueue<SseEventBuilder> queue;
  private final List<ChangeRecord> held = new ArrayList<>();
  private final Executor sender;
  private final Consumer<Subscriber> onOverflow;
  private final Consumer<Subscriber> onGone;
  private final AtomicBoolean draining = new AtomicBoolean();
  private boolean live;
  private volatile boolean closed;

  Subscriber(
      SseEmitter emitter,
      Predicate<String> wanted,
      Map<Integer, Long> position,
      int capacity,
      Executor sender,
      Consumer<Subscriber> onOverflow,
      Consumer<Subscriber> onGone) {
    this.emitter = emitter;
    this.wanted = wanted;
    this.position = new HashMap<>(position);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.sender = sender;
    this.onOverflow = onOverflow;
    this.onGone = onGone;
  }

  SseEmitter emitter() {
    return emitter;
  }

  boolean closed() {
    return closed;
  }

  /** From the live listener; held back while a replay runs. Never blocks. */
  synchronized void live(ChangeRecord change) {
    if (closed) {
      return;
    }
    if (live) {
      deliver(change);
    } else if (held.size() < queue.remainingCapacity()) {
      held.add(change);
    } else {
      overflow();
    }
  }

  /** From a replay, in offset order per partition. */
  synchronized void replayed(ChangeRecord change) {
    deliver(change);
  }

  /** Starts where the topic ends now (a new subscriber, or one too far behind to replay). */
  synchronized void startAt(Map<Integer, Long> next) {
    position.putAll(next);
  }

  /** The replay is over: what the listener relayed meanwhile follows, without repeats. */
  synchronized void goLive() {
    live = true;
    held.forEach(this::deliver);
    held.clear();
  }

  synchronized void send(SseEventBuilder event) {
    if (!closed && !queue.offer(event)) {
      overflow();
      return;
    }
    drainSoon();
  }

  /** An event whose id is the current position, after the id of the change it relays if any. */
  synchronized void sendMarked(String eventId, String name, String json) {
    String at = new StreamPosition(position).encode();
    send(
        SseEmitter.event()
            .id(eventId == null ? at : eventId + "@" + at)
            .name(name)
            .data(json, MediaType.APPLICATION_JSON));
  }

  void close() {
    closed = true;
    queue.clear();
  }

  private void deliver(ChangeRecord change) {
    Long next = position.get(change.partition());
    if (next != null && change.offset() < next) {
      return;
    }
    position.put(change.partition(), change.offset() + 1);
    if (change.eventId() != null && wanted.test(change.capabilityId())) {
      sendMarked(change.eventId(), change.type(), change.data());
    }
  }

  private void overflow() {
    if (!closed) {
      close();
      onOverflow.accept(this);
    }
  }

  private void drainSoon() {
    if (draining.compareAndSet(false, true)) {
      sender.execute(this::drain);
    }
  }

  private void drain() {
    try {
      SseEventBuilder event;
      while (!closed && (event = queue.poll()) != null) {
        emitter.send(event);
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away (a heartbeat finds out within one interval)
      close();
      onGone.accept(this);
    } finally {
      draining.set(false);
    }
    if (!closed && !queue.isEmpty()) {
      drainSoon();
    }
  }
}
