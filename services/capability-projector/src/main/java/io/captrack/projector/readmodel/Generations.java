package io.captrack.projector.readmodel;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.projector.coverage.CoverageProjector;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.coverage.ShardAssignments;
import io.captrack.projector.system.ConsumerProgress;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topic;
import io.captrack.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs one consumer per read-model generation: the current one, which answers queries and announces
 * changes, and, during a rebuild, the next one, which replays every topic from the start into its
 * own collections under a consumer group of its own. Once the next generation has caught up, one
 * update of the control document switches every reader to it, and the old generation's consumer
 * stops. Every instance follows the control document, so a rebuild started on one instance runs on
 * all of them, each on its share of the partitions.
 */
@Component
public class Generations implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Generations.class);

  private final ConcurrentKafkaListenerContainerFactory<String, byte[]> factory;
  private final CoverageProjector projector;
  private final ReadModel readModel;
  private final MongoDatabase database;
  private final Outbox outbox;
  private final CloudEventCodec codec;
  private final Taxonomy taxonomy;
  private final Clock clock;
  private final ConsumerProgress consumerProgress;
  private final String baseGroup;
  private final long switchLag;
  private final boolean autoStartup;
  private final Map<String, ConcurrentMessageListenerContainer<String, byte[]>> containers =
      new ConcurrentHashMap<>();
  private volatile String live = ReadModel.INITIAL;
  private volatile boolean running;

  private final long cachedBytes;

  /** The store of each generation whose consumer runs here. */
  private final Map<String, CoverageStore> stores = new ConcurrentHashMap<>();

  private final MeterRegistry meters;

  Generations(
      ConcurrentKafkaListenerContainerFactory<String, byte[]> projectorContainerFactory,
      CoverageProjector projector,
      ReadModel readModel,
      MongoDatabase database,
      Outbox outbox,
      CloudEventCodec codec,
      Taxonomy taxonomy,
      Clock clock,
      ConsumerProgress consumerProgress,
      @Value("${captrack.projector.group-id:capability-projector}") String baseGroup,
      @Value("${captrack.projector.rebuild.switch-lag:0}") long switchLag,
      @Value("${captrack.projector.auto-startup:true}") boolean autoStartup,
      @Value("${captrack.projector.cache.max-mib:96}") long cachedMib,
      MeterRegistry meters) {
    this.cachedBytes = cachedMib << 20;
    this.meters = meters;
    this.factory = projectorContainerFactory;
    this.projector = projector;
    this.readModel = readModel;
    this.database = database;
    this.outbox = outbox;
    this.codec = codec;
    this.taxonomy = taxonomy;
    this.clock = clock;
    this.consumerProgress = consumerProgress;
    this.baseGroup = baseGroup;
    this.switchLag = switchLag;
    this.autoStartup = autoStartup;
  }

  /** How far a generation's consumer group has come over all source partitions. */
  public record Progress(String generation, String group, long done, long total, long lag) {

    Progress(String generation, String group, long done, long total) {
      this(generation, group, done, total, Math.max(0, total - done));
    }
  }

  /** The consumer group of a generation: the configured group for the first one. */
  public String group(String generation) {
    return ReadModel.INITIAL.equals(generation) ? baseGroup : baseGroup + "-" + generation;
  }

  /** Starts building a new generation from the start of every topic; returns its name. */
  public synchronized String rebuild(boolean autoSwitch) {
    ReadModel.State state = readModel.state();
    if (state.rebuilding() != null) {
      throw CommandRejectedException.conflict(
          "rebuild-running", "generation " + state.rebuilding() + " is being built already");
    }
    Map<String, Long> truncated = consumerProgress.truncatedSources();
    if (!truncated.isEmpty()) {
      throw CommandRejectedException.conflict(
              "log-truncated",
              "a rebuild replays every event topic from offset 0, but these partitions start later"
                  + " (their first records are gone): "
                  + truncated)
          .with("firstOffsets", truncated);
    }
    String next = "g" + (Math.max(number(state.current()), number(state.previous())) + 1);
    for (String name : CoverageStore.COLLECTIONS) {
      database.getCollection(ReadModel.name(next, name)).drop();
    }
    if (!readModel.startRebuild(next, clock.instant(), autoSwitch)) {
      throw CommandRejectedException.conflict(
          "rebuild-running", "another rebuild started meanwhile");
    }
    log.info("rebuilding the read model into generation {}", next);
    reconcile();
    return next;
  }

  /**
   * Drops the collections of a generation that no longer answers: not the current one, not one
   * being built, and not while change events still wait in its outboxes.
   */
  public synchronized void drop(String generation) {
    if (!generation.matches("g[0-9]{1,6}")) {
      throw CommandRejectedException.notFound("generation", generation);
    }
    ReadModel.State state = readModel.state();
    if (generation.equals(state.current()) || generation.equals(state.rebuilding())) {
      throw CommandRejectedException.conflict(
          "generation-in-use", "generation " + generation + " answers or is being built");
    }
    List<String> names = CoverageStore.COLLECTIONS;
    List<String> existing = database.listCollectionNames().into(new ArrayList<>());
    if (names.stream().noneMatch(n -> existing.contains(ReadModel.name(generation, n)))) {
      throw CommandRejectedException.notFound("generation", generation);
    }
    for (String outboxed : List.of(CoverageStore.COVERAGE, CoverageStore.EXPIRIES)) {
      if (database
              .getCollection(ReadModel.name(generation, outboxed))
              .countDocuments(Outbox.pending())
          > 0) {
        throw CommandRejectedException.conflict(
            "events-pending", "generation " + generation + " still has change events to publish");
      }
    }
    names.forEach(n -> database.getCollection(ReadModel.name(generation, n)).drop());
    readModel.forgetPrevious(generation);
    log.info("dropped the collections of generation {}", generation);
  }

  /** The state of the generations with the progress of each running consumer. */
  public Map<String, Object> status() {
    ReadModel.State state = readModel.state();
    Map<String, Object> status = new HashMap<>();
    status.put("current", state.current());
    status.put("previous", state.previous());
    status.put("rebuilding", state.rebuilding());
    status.put("rebuildStartedAt", state.rebuildStartedAt());
    status.put("switchedAt", state.switchedAt());
    status.put("autoSwitch", state.autoSwitch());
    List<Progress> progress = new ArrayList<>();
    progress.add(progress(state.current()));
    if (state.rebuilding() != null) {
      progress.add(progress(state.rebuilding()));
    }
    status.put("progress", progress);
    return status;
  }

  /** Switches readers to a rebuilt generation once it has caught up, and follows any switch. */
  @Scheduled(fixedDelayString = "${captrack.projector.rebuild.check-interval-ms:1000}")
  void check() {
    if (!running) {
      return;
    }
    ReadModel.State state = readModel.state();
    String next = state.rebuilding();
    if (next != null && state.autoSwitch() && containers.containsKey(next)) {
      Progress progress = progress(next);
      if (progress.lag() <= switchLag && readModel.switchTo(next, clock.instant())) {
        log.info(
            "generation {} caught up ({} records); readers switched from {}",
            next,
            progress.done(),
            state.current());
      }
    }
    reconcile();
  }

  /** Switches readers to the generation being built, if it has caught up; else 409. */
  public synchronized Map<String, Object> switchNow() {
    ReadModel.State state = readModel.state();
    String next = state.rebuilding();
    if (next == null) {
      throw CommandRejectedException.conflict("no-rebuild", "no generation is being built");
    }
    Progress progress = progress(next);
    if (progress.lag() > switchLag) {
      throw CommandRejectedException.conflict(
              "rebuild-behind",
              "generation " + next + " has " + progress.lag() + " records still to project")
          .with("done", progress.done())
          .with("total", progress.total());
    }
    if (!readModel.switchTo(next, clock.instant())) {
      throw CommandRejectedException.conflict(
          "rebuild-switched", "the generations changed meanwhile");
    }
    log.info("readers switched to generation {} on request", next);
    reconcile();
    return status();
  }

  /** Runs the consumers the control document names and stops the others. */
  synchronized void reconcile() {
    ReadModel.State state = readModel.state();
    live = state.current();
    ensure(state.current());
    if (state.rebuilding() != null) {
      ensure(state.rebuilding());
    }
    for (String generation : List.copyOf(containers.keySet())) {
      if (!generation.equals(state.current()) && !generation.equals(state.rebuilding())) {
        containers.remove(generation).stop();
        stores.remove(generation);
        log.info("stopped the consumer of generation {}", generation);
      }
    }
    // one budget for the memory of histories, shared by the generations that run
    long share = cachedBytes / Math.max(1, stores.size());
    stores.values().forEach(s -> s.boundMemory(share));
  }

  private void ensure(String generation) {
    if (containers.containsKey(generation)) {
      return;
    }
    CoverageStore store = new CoverageStore(database, generation, outbox, codec, cachedBytes);
    stores.put(generation, store);
    store.seed(taxonomy);
    store.bindTo(meters, generation);
    CoverageProjector.Target target =
        new CoverageProjector.Target(store, () -> generation.equals(live));
    ConcurrentMessageListenerContainer<String, byte[]> container =
        factory.createContainer(Topics.SOURCES.stream().map(Topic::name).toArray(String[]::new));
    container.getContainerProperties().setGroupId(group(generation));
    container
        .getContainerProperties()
        .setMessageListener(
            (BatchAcknowledgingMessageListener<String, byte[]>)
                (records, ack) -> {
                  if (projector.on(records, target)) {
                    ack.acknowledge();
                  } else {
                    // fenced: commit nothing of this batch; it is polled again by its owner
                    ack.nack(0, Duration.ofMillis(100));
                  }
                });
    container
        .getContainerProperties()
        .setConsumerRebalanceListener(new ShardAssignments(projector, target));
    container.setBeanName("projector-" + generation);
    container.start();
    containers.put(generation, container);
  }

  /** The consumer of a generation in this instance, if it runs here. */
  public ConcurrentMessageListenerContainer<String, byte[]> container(String generation) {
    return containers.get(generation);
  }

  /** The consumer of the generation that answers now. */
  public ConcurrentMessageListenerContainer<String, byte[]> liveContainer() {
    return containers.get(live);
  }

  Progress progress(String generation) {
    String group = group(generation);
    long[] counts = consumerProgress.of(group);
    return new Progress(generation, group, counts[0], counts[1]);
  }

  private static int number(String generation) {
    return generation == null ? 0 : Integer.parseInt(generation.substring(1));
  }

  @Override
  public boolean isAutoStartup() {
    return autoStartup;
  }

  @Override
  public void start() {
    running = true;
    reconcile();
  }

  @Override
  public synchronized void stop() {
    running = false;
    containers.values().forEach(ConcurrentMessageListenerContainer::stop);
    containers.clear();
    stores.clear();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** After the partition check (phase 0), before the web server takes requests. */
  @Override
  public int getPhase() {
    return 100;
  }
}
