package io.captrack.talent.person;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The only place that links a personRef to a person: HR id, name, e-mail. Nothing here leaves the
 * service; erasing the entry leaves the history anonymous.
 */
@Component
public class Identities {

  private final MongoCollection<Document> identities;

  Identities(MongoDatabase database) {
    this.identities = database.getCollection("identities");
  }

  /** Remembers who a personRef is; fields not given are left as they were. */
  public void remember(String personRef, String hrId, String name, String email) {
    List<Bson> sets = new ArrayList<>();
    sets.add(Updates.set("hrId", hrId));
    if (name != null) {
      sets.add(Updates.set("name", name));
    }
    if (email != null) {
      sets.add(Updates.set("email", email));
    }
    identities.updateOne(
        eq("_id", personRef), Updates.combine(sets), new UpdateOptions().upsert(true));
  }

  /** Deletes the mapping and personal fields; true when there was something to delete. */
  public boolean erase(String personRef) {
    return identities.deleteOne(eq("_id", personRef)).getDeletedCount() > 0;
  }

  public boolean knows(String personRef) {
    return identities.countDocuments(eq("_id", personRef)) > 0;
  }
}
