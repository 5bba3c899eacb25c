package io.captrack.platform.outbox;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes outbox events to Kafka and removes them once the broker acknowledged them. Events of
 * one document go out in the order they were written; a failure stops that document until the next
 * pass, so per-aggregate order holds. While Kafka is down, events wait in MongoDB and the relay
 * backs off.
 *
 * <p>Two threads. {@code outbox-relay} publishes: the documents writes woke it for, read by id, and
 * the collections a writer without an id woke it for. {@code outbox-sweep} looks through whole
 * collections for events nobody woke the relay for (an instance that crashed left them) and hands
 * the documents it finds to the first, as a write's wake-up would. A look through a whole
 * collection is a full scan on a server without the index on the pending marker (the stand-in: 0.5
 * to 0.8 s for 125,000 expiries): on its own thread, it no longer holds back the events written
 * meanwhile.
 */
public class OutboxRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

  private final MongoDatabase database;
  private final OutboxPublisher publisher;
  private final OutboxProperties properties;
  private final OutboxCollections collections;
  private final Semaphore wake = new Semaphore(0);
  private final Semaphore sweepNow = new Semaphore(0);
  private final Publications publications = new Publications();
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<Object>> writtenIds = new ConcurrentHashMap<>();

  /** The documents the relay's current pass took, by collection (written by the relay's thread). */
  private volatile Map<String, Set<Object>> inFlight = Map.of();

  /** The collections the relay's current pass looks through (written by the relay's thread). */
  private volatile List<String> namesInFlight = List.of();

  /** The last pass over a collection found a whole batch waiting (the relay's thread only). */
  private boolean filled;

  /**
   * How old an event must be, when a pass over whole collections begins, to count as left behind:
   * in a document no write of this instance woke the relay for. Under a steady load such a pass
   * also meets events written a moment ago, which the wake-ups publish anyway: those do not count.
   */
  static final Duration LEFT_BEHIND_AFTER = Duration.ofSeconds(5);

  /** At most this many documents are handed over by one pass over a collection. */
  static final int SWEEP_LIMIT = 100_000;

  /** The wait between passes over whole collections, see {@link OutboxProperties}. */
  private volatile Duration sweepInterval;

  private final Counter sweepsFinding;
  private final Counter sweepsEmpty;

  private volatile boolean running;
  private Backlog backlog;
  private long backlogAt;
  private Thread worker;
  private Thread sweeper;

  public OutboxRelay(
      MongoDatabase database,
      Producer<String, byte[]> producer,
      OutboxProperties properties,
      MeterRegistry meters) {
    this(database, producer, properties, properties::collections, meters);
  }

  /** A relay over collections that may change at run time. */
  public OutboxRelay(
      MongoDatabase database,
      Producer<String, byte[]> producer,
      OutboxProperties properties,
      OutboxCollections collections,
      MeterRegistry meters) {
    this.database = database;
    this.publisher = new OutboxPublisher(producer, publications);
    this.properties = properties;
    this.collections = collections;
    this.sweepInterval = properties.pollInterval();
    this.sweepsFinding = sweeps(meters, "found");
    this.sweepsEmpty = sweeps(meters, "nothing");
    Gauge.builder("captrack.outbox.sweep.interval", this, r -> r.sweepInterval.toMillis() / 1000.0)
        .description(
            "seconds between passes over whole outbox collections: doubles while they find"
                + " nothing, up to captrack.outbox.max-sweep-interval")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("captrack.outbox.pending", this, r -> r.backlog().pending())
        .description("events written but not yet acknowledged by Kafka")
        .register(meters);
    Gauge.builder("captrack.outbox.oldest.pending.age", this, r -> r.backlog().oldestAgeSeconds())
        .description("seconds since the oldest unpublished event was recorded")
        .baseUnit("seconds")
        .register(meters);
    Gauge.builder("captrack.outbox.published", this, r -> r.publisher.published())
        .description("events this relay published since it started")
        .register(meters);
  }

  /** Where the events of requests that ask are published. */
  public Publications publications() {
    return publications;
  }

  /** Asks the relay to look for pending events in every collection now, not at its next poll. */
  public void wakeUp() {
    sweepNow.release();
  }

  /**
   * Asks the relay to look now in one collection that was just written; the others wait for its
   * next poll (a pass scans each collection it looks in for pending events: with no index on {@code
   * outboxPending}, as on the stand-in server, a large collection costs a full scan).
   */
  public void wakeUp(String collectionName) {
    written.add(collectionName);
    wake.release();
  }

  /**
   * Asks the relay to publish now the events of one document just written: it reads that document
   * by id, where a look through the collection would scan it (on the stand-in server; with an index
   * on MongoDB). Without an id, as {@link #wakeUp(String)}.
   */
  public void wakeUp(String collectionName, Object id) {
    if (id == null) {
      wakeUp(collectionName);
      return;
    }
    // added inside compute: the relay takes a collection's set with remove, atomic with this, so
    // no id lands in a set it has already taken (and would wait for the next pass over everything)
    writtenIds.compute(
        collectionName,
        (c, ids) -> {
          Set<Object> taken = ids != null ? ids : ConcurrentHashMap.newKeySet();
          taken.add(id);
          return taken;
        });
    wake.release();
  }

  /** What waits in all outbox collections. */
  public record Backlog(long pending, double oldestAgeSeconds) {}

  /** The number of events waiting in all outbox collections, read now. */
  public long pendingCount() {
    return measure().pending();
  }

  /** Count and age of the waiting events for the gauges, read at most once a second. */
  synchronized Backlog backlog() {
    long now = System.currentTimeMillis();
    // every measure reads every outbox collection: no more often than the relay's own passes
    if (backlog == null || now - backlogAt > Math.max(1000, properties.pollInterval().toMillis())) {
      backlog = measure();
      backlogAt = now;
    }
    return backlog;
  }

  /** Count and age of the waiting events, read now. */
  public Backlog measure() {
    long now = System.currentTimeMillis();
    long pending = 0;
    long oldest = Long.MAX_VALUE;
    for (String name : collections.names()) {
      for (Document d :
          collection(name).find(Outbox.pending()).projection(new Document(Outbox.EVENTS, 1))) {
        for (Document e : d.getList(Outbox.EVENTS, Document.class, List.of())) {
          pending++;
          oldest = Math.min(oldest, e.getDate("recordedAt").getTime());
        }
      }
    }
    return new Backlog(pending, pending == 0 ? 0 : Math.max(0, now - oldest) / 1000.0);
  }

  @Override
  public void start() {
    for (String name : collections.names()) {
      collection(name)
          .createIndex(Indexes.ascending(Outbox.PENDING), new IndexOptions().sparse(true));
    }
    running = true;
    worker = new Thread(this::loop, "outbox-relay");
    worker.setDaemon(true);
    worker.start();
    sweeper = new Thread(this::sweepLoop, "outbox-sweep");
    sweeper.setDaemon(true);
    sweeper.start();
  }

  @Override
  public void stop() {
    running = false;
    wake.release();
    sweepNow.release();
    for (Thread thread : new Thread[] {worker, sweeper}) {
      if (thread != null) {
        try {
          thread.join(10_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Publishes what wakes it: the documents written, by id, and the collections a writer without an
   * id named, each looked through for a batch of documents. Looks again at once while a pass takes
   * a whole batch; otherwise waits for the next wake-up, at most the poll interval. A pass that
   * fails puts back what it took, for the next after a pause that doubles up to {@code maxBackoff}.
   */
  private void loop() {
    Duration backoff = Duration.ZERO;
    while (running) {
      List<String> names = collections.names().stream().filter(written::remove).toList();
      Map<String, Set<Object>> ids = new HashMap<>();
      for (String name : List.copyOf(writtenIds.keySet())) {
        Set<Object> taken = writtenIds.remove(name);
        if (taken != null && !names.contains(name)) {
          ids.put(name, taken);
        }
      }
      namesInFlight = names;
      inFlight = ids;
      filled = false;
      boolean clean;
      try {
        clean = relay(names) && relayDocuments(ids);
      } catch (RuntimeException e) {
        log.warn("outbox relay pass failed: {}", e.toString());
        clean = false;
      }
      // taken back before this pass lets go of them: a sweep meanwhile sees them still woken
      if (!clean || filled) {
        written.addAll(names);
      }
      if (!clean) {
        ids.forEach((name, taken) -> taken.forEach(id -> wakeUp(name, id)));
      }
      namesInFlight = List.of();
      inFlight = Map.of();
      backoff = clean ? Duration.ZERO : next(backoff);
      if (clean && filled) {
        // a pass found a whole batch waiting: more may wait behind it, go on at once
        continue;
      }
      Duration pause = backoff.isZero() ? properties.pollInterval() : backoff;
      try {
        if (backoff.isZero()) {
          wake.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
        } else {
          // wake-ups do not shorten a backoff: they only add documents to the next pass
          Thread.sleep(pause.toMillis());
        }
        wake.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Passes over whole collections, on a thread of their own: at start, then every {@link
   * #sweepInterval} (see {@link #swept}) or when {@link #wakeUp()} asks. Each hands the documents
   * holding events to the relay's thread, as their writes' wake-ups would; a pass that met {@link
   * #SWEEP_LIMIT} documents in a collection waits until the relay took them all, then goes on.
   */
  private void sweepLoop() {
    while (running) {
      long began = System.currentTimeMillis();
      boolean found = false;
      boolean failed = false;
      boolean more = false;
      for (String name : collections.names()) {
        try {
          List<Object> pending = new ArrayList<>();
          // only when each event was recorded: an aggregate's own fields can be large
          for (Document d :
              collection(name)
                  .find(Outbox.pending())
                  .projection(new Document(Outbox.EVENTS + ".recordedAt", 1))) {
            Object id = d.get("_id");
            if (!woken(name, id) && leftBehind(d, began)) {
              found = true;
            }
            pending.add(id);
            if (pending.size() >= SWEEP_LIMIT) {
              more = true;
              break;
            }
          }
          pending.forEach(id -> wakeUp(name, id));
        } catch (RuntimeException e) {
          log.warn("outbox: a pass over {} failed: {}", name, e.toString());
          failed = true;
        }
      }
      if (running) {
        swept(!found && !failed);
      }
      try {
        if (more) {
          while (running && !writtenIds.isEmpty()) {
            sweepNow.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
          }
          continue;
        }
        sweepNow.tryAcquire(sweepInterval.toMillis(), TimeUnit.MILLISECONDS);
        sweepNow.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * After a pass over whole collections: one that found nothing (on a server without the index on
   * the pending marker, as the stand-in, a full scan of each) doubles the wait before the next, up
   * to {@code maxSweepInterval}; one that found events, or failed, starts again at {@code
   * pollInterval}.
   */
  private void swept(boolean nothing) {
    (nothing ? sweepsEmpty : sweepsFinding).increment();
    Duration poll = properties.pollInterval();
    Duration max =
        properties.maxSweepInterval().compareTo(poll) > 0 ? properties.maxSweepInterval() : poll;
    if (!nothing) {
      if (sweepInterval.compareTo(poll) > 0) {
        log.info("outbox: a pass over whole collections found events; passes every {} again", poll);
      }
      sweepInterval = poll;
      return;
    }
    Duration doubled = sweepInterval.multipliedBy(2);
    Duration next = doubled.compareTo(max) > 0 ? max : doubled;
    if (next.compareTo(sweepInterval) > 0 && next.equals(max)) {
      log.info(
          "outbox: passes over whole collections keep finding nothing; the next follow every {}"
              + " (writes wake the relay for their documents in between)",
          max);
    }
    sweepInterval = next;
  }

  /**
   * Whether a write of this instance woke the relay for the document: waiting for the relay's next
   * pass, or taken by the one under way.
   */
  private boolean woken(String collection, Object id) {
    if (written.contains(collection) || namesInFlight.contains(collection)) {
      return true;
    }
    Set<Object> waiting = writtenIds.get(collection);
    Set<Object> taken = inFlight.get(collection);
    return (waiting != null && waiting.contains(id)) || (taken != null && taken.contains(id));
  }

  /** Whether the document holds an event recorded {@link #LEFT_BEHIND_AFTER} before the pass. */
  private static boolean leftBehind(Document d, long passBegan) {
    long before = passBegan - LEFT_BEHIND_AFTER.toMillis();
    for (Document e : d.getList(Outbox.EVENTS, Document.class, List.of())) {
      Date recorded = e.getDate("recordedAt");
      if (recorded == null || recorded.getTime() < before) {
        return true;
      }
    }
    return false;
  }

  private static Counter sweeps(MeterRegistry meters, String result) {
    return Counter.builder("captrack.outbox.sweeps")
        .description("passes over whole outbox collections, by whether they found events waiting")
        .tag("result", result)
        .register(meters);
  }

  private Duration next(Duration backoff) {
    Duration doubled = backoff.isZero() ? Duration.ofMillis(100) : backoff.multipliedBy(2);
    return doubled.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : doubled;
  }

  /** One pass over every outbox collection; true when everything pending went out. */
  boolean relayOnce() {
    return relay(collections.names());
  }

  /** The documents just written, read by id; true when everything pending in them went out. */
  private boolean relayDocuments(Map<String, Set<Object>> ids) {
    for (var written : ids.entrySet()) {
      MongoCollection<Document> collection = collection(written.getKey());
      List<Object> all = new ArrayList<>(written.getValue());
      for (int from = 0; from < all.size(); from += properties.batchSize()) {
        List<Object> chunk = all.subList(from, Math.min(all.size(), from + properties.batchSize()));
        List<Document> docs = new ArrayList<>();
        for (Document d :
            collection.find(Filters.in("_id", chunk)).projection(new Document(Outbox.EVENTS, 1))) {
          if (!d.getList(Outbox.EVENTS, Document.class, List.of()).isEmpty()) {
            docs.add(d);
          }
        }
        if (!docs.isEmpty() && !publisher.publish(collection, docs)) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean relay(List<String> names) {
    for (String name : names) {
      MongoCollection<Document> collection = collection(name);
      // only the outbox: an aggregate's own fields can be large (a capability's months)
      List<Document> docs =
          collection
              .find(Outbox.pending())
              .projection(new Document(Outbox.EVENTS, 1))
              .limit(properties.batchSize())
              .into(new ArrayList<>());
      if (docs.size() >= properties.batchSize()) {
        filled = true;
      }
      if (!docs.isEmpty() && !publisher.publish(collection, docs)) {
        return false;
      }
    }
    return true;
  }

  private MongoCollection<Document> collection(String name) {
    return database.getCollection(name);
  }
}
