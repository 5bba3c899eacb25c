package io.captrack.projector.system;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Named points between the projector's writes, for fault tests. Off unless {@code
 * captrack.projector.crash-at=<point>[:<n>]} is set: then the JVM halts (no shutdown hooks, no
 * commit) the n-th time (default 1) the point is reached. Tests in the same JVM may also hook every
 * point (to pause a consumer, say).
 */
@Component
public class CrashPoints {

  /** After a batch's intent is recorded in the shard ledger, before any other write. */
  public static final String AFTER_INTENT = "after-intent";

  /** After the people's new events ({@code person_events}), before the partners' new events. */
  public static final String AFTER_PERSON_EVENTS = "after-person-events";

  /** After the partners' new events ({@code partner_events}), before the people documents. */
  public static final String AFTER_PARTNER_EVENTS = "after-partner-events";

  /** After the people documents, before partners and requisitions. */
  public static final String AFTER_PEOPLE = "after-people";

  /** After every owner document (people, partners, requisitions), before expiries. */
  public static final String AFTER_OWNERS = "after-owners";

  /** After the expiries, before coverage. */
  public static final String AFTER_EXPIRIES = "after-expiries";

  /** After the month documents of coverage, before the capability documents. */
  public static final String AFTER_MONTHS = "after-months";

  /** After coverage, before the batch is marked done in the shard ledger. */
  public static final String AFTER_COVERAGE = "after-coverage";

  /** After the batch is marked done, before the consumer commits its offsets. */
  public static final String AFTER_DONE = "after-done";

  /** Every point, in the order a batch passes them. */
  public static final List<String> ALL =
      List.of(
          AFTER_INTENT,
          AFTER_PERSON_EVENTS,
          AFTER_PARTNER_EVENTS,
          AFTER_PEOPLE,
          AFTER_OWNERS,
          AFTER_EXPIRIES,
          AFTER_MONTHS,
          AFTER_COVERAGE,
          AFTER_DONE);

  private final String point;
  private final int at;
  private final AtomicInteger reached = new AtomicInteger();
  private volatile Consumer<String> hook = p -> {};

  CrashPoints(@Value("${captrack.projector.crash-at:}") String spec) {
    String[] parts = spec.split(":");
    this.point = parts[0];
    this.at = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
    if (!point.isEmpty() && !ALL.contains(point)) {
      throw new IllegalArgumentException("unknown crash point " + point + "; known: " + ALL);
    }
  }

  /** The projector passes a point. */
  public void reached(String name) {
    hook.accept(name);
    if (name.equals(point) && reached.incrementAndGet() == at) {
      System.err.println("CRASH POINT " + name + " reached (" + at + "): halting");
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
  }

  /** Runs {@code hook} at every point this JVM's projector passes (tests). */
  public void onReach(Consumer<String> hook) {
    this.hook = hook;
  }
}
