package io.captrack.talent.person;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.outbox.Versioned;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * The person aggregate, keyed by personRef. Every change is one update of the person's document,
 * guarded by its version, carrying its event in the outbox.
 */
@Component
public class People {

  static final String COLLECTION = "people";

  private final MongoCollection<Document> people;
  private final Versioned versioned;
  private final ServiceIdentity identity;
  private final Clock clock;

  People(MongoDatabase database, Outbox outbox, ServiceIdentity identity, Clock clock) {
    this.people = database.getCollection(COLLECTION);
    this.versioned = new Versioned(people, outbox, "person");
    this.identity = identity;
    this.clock = clock;
  }

  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** A new event of this service, effective at the start of the given day. */
  public <T> CloudEvent<T> event(EventType<T> type, LocalDate effective, String key, T data) {
    return CloudEvent.of(
        type, identity.source(), effective.atStartOfDay().atOffset(ZoneOffset.UTC), key, data);
  }

  public Optional<Person> find(String personRef) {
    return Optional.ofNullable(
            people.find(eq("_id", personRef)).projection(new Document("outbox", 0)).first())
        .map(People::person);
  }

  /** The person, or 404 without saying more: the caller knows which HR id they asked for. */
  public Person load(String personRef) {
    return find(personRef)
        .orElseThrow(() -> CommandRejectedException.notFound("person", "with this HR id"));
  }

  /** The person, who must be employed now. */
  public Person employed(String personRef) {
    Person person = load(personRef);
    if (!person.employed()) {
      throw CommandRejectedException.conflict(
          "not-employed", "the person left on " + person.separatedOn());
    }
    return person;
  }

  /**
   * Applies {@code update} with its event if the person is still at the version the command was
   * decided on (or that If-Match names). A person not yet known is created when {@code decidedOn}
   * is empty.
   */
  public long change(Optional<Person> decidedOn, String ifMatch, Bson update, CloudEvent<?> event) {
    if (decidedOn.isEmpty()) {
      if (ifMatch != null) {
        throw CommandRejectedException.notFound("person", "with this HR id");
      }
      return versioned.create(event.subject(), update, List.of(event));
    }
    Person person = decidedOn.get();
    return versioned.change(person.personRef(), person.version(), ifMatch, update, List.of(event));
  }

  private static Person person(Document d) {
    List<Document> hires = d.getList("hires", Document.class, List.of());
    String separated = d.getString("separatedOn");
    return new Person(
        d.getString("_id"),
        ((Number) d.get("version")).longValue(),
        hires.stream().map(h -> h.getString("hireId")).toList(),
        hires.isEmpty()
            ? null
            : LocalDate.parse(hires.get(hires.size() - 1).getString("startDate")),
        separated == null ? null : LocalDate.parse(separated));
  }
}
