package io.captrack.platform.readmodel;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Which generation of the read model answers queries. A rebuild replays the topics into the
 * collections of a new generation while the current one keeps answering; switching is one update of
 * one document, so every reader moves at once. Generation {@code g0} uses the plain collection
 * names ({@code coverage}, {@code people}...); generation {@code gN} prefixes them ({@code
 * g1_coverage}).
 */
public final class ReadModel {

  public static final String CONTROL = "read_model";
  public static final String INITIAL = "g0";
  private static final String ID = "generations";

  private final MongoDatabase database;
  private final MongoCollection<Document> control;

  public ReadModel(MongoDatabase database) {
    this.database = database;
    this.control = database.getCollection(CONTROL);
  }

  /** The state of the generations. */
  public record State(
      String current,
      String previous,
      String rebuilding,
      Instant rebuildStartedAt,
      Instant switchedAt,
      boolean autoSwitch) {}

  /** A collection's name in a generation. */
  public static String name(String generation, String collection) {
    return INITIAL.equals(generation) ? collection : generation + "_" + collection;
  }

  /** The collection of the generation that answers queries now. */
  public MongoCollection<Document> current(String collection) {
    return database.getCollection(name(state().current(), collection));
  }

  /** A collection of a given generation (several of one generation: read the state once). */
  public MongoCollection<Document> collection(String generation, String collection) {
    return database.getCollection(name(generation, collection));
  }

  public State state() {
    Document d = control.find(eq("_id", ID)).first();
    if (d == null) {
      return new State(INITIAL, null, null, null, null, false);
    }
    return new State(
        d.getString("current"),
        d.getString("previous"),
        d.getString("rebuilding"),
        instant(d.getDate("rebuildStartedAt")),
        instant(d.getDate("switchedAt")),
        Boolean.TRUE.equals(d.getBoolean("autoSwitch")));
  }

  /**
   * Records that {@code next} is being built, to be switched to when it has caught up or on an
   * operator's word; false when another rebuild runs already.
   */
  public boolean startRebuild(String next, Instant now, boolean autoSwitch) {
    control.updateOne(
        eq("_id", ID), Updates.setOnInsert("current", INITIAL), new UpdateOptions().upsert(true));
    return control
            .updateOne(
                and(eq("_id", ID), eq("rebuilding", null)),
                Updates.combine(
                    Updates.set("rebuilding", next),
                    Updates.set("autoSwitch", autoSwitch),
                    Updates.set("rebuildStartedAt", Date.from(now))))
            .getModifiedCount()
        == 1;
  }

  /** Makes {@code next}, the generation being built, the one that answers; false if it is not. */
  public boolean switchTo(String next, Instant now) {
    String current = state().current();
    return control
            .updateOne(
                and(eq("_id", ID), eq("rebuilding", next), eq("current", current)),
                Updates.combine(
                    Updates.set("current", next),
                    Updates.set("previous", current),
                    Updates.set("rebuilding", null),
                    Updates.set("switchedAt", Date.from(now))))
            .getModifiedCount()
        == 1;
  }

  /** Forgets that {@code generation} was the previous one, once its collections are gone. */
  public void forgetPrevious(String generation) {
    control.updateOne(and(eq("_id", ID), eq("previous", generation)), Updates.unset("previous"));
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
