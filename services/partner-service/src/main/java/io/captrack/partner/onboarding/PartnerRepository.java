package io.captrack.partner.onboarding;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.outbox.Versioned;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Stores partners. Every change is one update of the partner document, guarded by its version, that
 * also appends the event to the outbox and to the partner's history.
 */
@Component
public class PartnerRepository {

  static final String COLLECTION = "partners";

  private final MongoCollection<Document> partners;
  private final Outbox outbox;
  private final Versioned versioned;
  private final ServiceIdentity identity;
  private final CloudEventCodec codec;
  private final Clock clock;

  PartnerRepository(
      MongoDatabase database,
      Outbox outbox,
      ServiceIdentity identity,
      CloudEventCodec codec,
      Clock clock) {
    this.partners = database.getCollection(COLLECTION);
    this.outbox = outbox;
    this.versioned = new Versioned(partners, outbox, "partner");
    this.identity = identity;
    this.codec = codec;
    this.clock = clock;
    IndexOptions uniqueWhenPresent = new IndexOptions().unique(true).sparse(true);
    partners.createIndex(Indexes.ascending("erpSupplierNumber"), uniqueWhenPresent);
    partners.createIndex(Indexes.ascending("taxId"), uniqueWhenPresent);
  }

  /** Today, in the service's clock. */
  public LocalDate today() {
    return LocalDate.now(clock);
  }

  /** A new event of this service, effective at the start of the given day. */
  public <T> CloudEvent<T> event(EventType<T> type, LocalDate effective, String partnerId, T data) {
    return event(type, effective.atStartOfDay().atOffset(ZoneOffset.UTC), partnerId, data);
  }

  /** A new event of this service, effective at the given time. */
  public <T> CloudEvent<T> event(
      EventType<T> type, OffsetDateTime effective, String partnerId, T data) {
    return CloudEvent.of(type, identity.source(), effective, partnerId, data);
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock);
  }

  void insert(Document partner, CloudEvent<?> registered, String actor) {
    partner
        .append("registeredBy", actor)
        .append("registeredAt", Date.from(clock.instant()))
        .append("version", 1L)
        .append("qualifications", List.of())
        .append("agreements", List.of())
        .append("history", List.of(historyEntry(registered, actor)));
    try {
      outbox.insert(partners, partner, List.of(registered));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      List<Bson> sameIds = new ArrayList<>();
      for (String field : List.of("erpSupplierNumber", "taxId")) {
        if (partner.getString(field) != null) {
          sameIds.add(eq(field, partner.getString(field)));
        }
      }
      Document existing =
          sameIds.isEmpty()
              ? null
              : partners.find(or(sameIds)).projection(new Document("_id", 1)).first();
      CommandRejectedException conflict =
          CommandRejectedException.conflict(
              "duplicate-partner", "a partner with this ERP supplier number or tax id exists");
      if (existing != null) {
        conflict
            .with("existingPartnerId", existing.getString("_id"))
            .with("existingPartner", "/partners/" + existing.getString("_id"));
      }
      throw conflict;
    }
  }

  /** The partner, or 404. */
  public Partner load(String partnerId) {
    Document d = partners.find(eq("_id", partnerId)).projection(withoutLogs()).first();
    if (d == null) {
      throw CommandRejectedException.notFound("partner", partnerId);
    }
    return PartnerDocuments.partner(d);
  }

  /**
   * Applies {@code update} and records {@code event}, if the partner is still at the version the
   * client expects (If-Match) and that this command was decided on. Returns the partner after it.
   */
  public Partner change(
      Partner decidedOn, String ifMatch, Bson update, CloudEvent<?> event, String actor) {
    versioned.change(
        decidedOn.partnerId(),
        decidedOn.version(),
        ifMatch,
        Updates.combine(update, Updates.push("history", historyEntry(event, actor))),
        List.of(event));
    return load(decidedOn.partnerId());
  }

  List<Partner> list(int limit) {
    return partners
        .find()
        .projection(withoutLogs())
        .sort(new Document("_id", 1))
        .limit(limit)
        .map(PartnerDocuments::partner)
        .into(new ArrayList<>());
  }

  List<Document> history(String partnerId) {
    Document d = partners.find(eq("_id", partnerId)).projection(new Document("history", 1)).first();
    if (d == null) {
      throw CommandRejectedException.notFound("partner", partnerId);
    }
    return d.getList("history", Document.class, List.of());
  }

  private Document historyEntry(CloudEvent<?> event, String actor) {
    return new Document("eventId", event.id())
        .append("type", event.type().name())
        .append("effective", event.time().toString())
        .append("recordedAt", Date.from(event.recordedAt()))
        .append("actor", actor)
        .append(
            "data", Document.parse(new String(codec.data(event.data()), StandardCharsets.UTF_8)));
  }

  private static Document withoutLogs() {
    return new Document("history", 0).append("outbox", 0);
  }
}
