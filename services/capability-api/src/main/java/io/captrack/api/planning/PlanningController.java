package io.captrack.api.planning;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.Actors;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.EventVoided;
import io.captrack.schemas.capability.CapabilityTargetSet;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Planners' commands, published to {@code planning.events} through the {@code planning}
 * collection's outbox: a capability's target from a day on, and the correction of a partner event
 * entered in error. The read model takes them up when the projector has; hence 202.
 */
@RestController
class PlanningController {

  static final String COLLECTION = "planning";

  private final MongoCollection<Document> planning;
  private final Outbox outbox;
  private final Taxonomy taxonomy;
  private final ServiceIdentity identity;
  private final Clock clock;

  PlanningController(
      MongoDatabase database,
      Outbox outbox,
      Taxonomy taxonomy,
      ServiceIdentity identity,
      Clock clock) {
    this.planning = database.getCollection(COLLECTION);
    this.outbox = outbox;
    this.taxonomy = taxonomy;
    this.identity = identity;
    this.clock = clock;
  }

  /** {@code POST /capabilities/{id}/targets}. */
  record TargetRequest(
      @NotNull @Min(0) @Max(7) Integer level,
      @NotNull @Min(0) @Max(100_000) Integer headcount,
      @NotNull @DecimalMin("0") @Digits(integer = 6, fraction = 2) BigDecimal fte,
      @NotNull LocalDate effectiveFrom,
      @Size(max = 500) String reason) {}

  /** {@code POST /corrections}: void a partner event. */
  record CorrectionRequest(
      @NotBlank @Size(max = 100) String eventId,
      @NotBlank @Pattern(regexp = "captrack\\.partner\\.[a-z-]+\\.v[0-9]+") String eventType,
      @NotBlank @Size(max = 100) String partnerId,
      @NotBlank @Size(max = 500) String reason) {}

  @PostMapping("/capabilities/{capabilityId}/targets")
  ResponseEntity<Map<String, Object>> setTarget(
      @PathVariable String capabilityId,
      @Valid @RequestBody TargetRequest request,
      Principal actor) {
    if (taxonomy.capability(capabilityId).isEmpty()) {
      throw CommandRejectedException.notFound("capability", capabilityId);
    }
    CapabilityTargetSet target =
        new CapabilityTargetSet(
            capabilityId,
            request.level(),
            request.headcount(),
            request.fte(),
            request.effectiveFrom(),
            request.reason());
    CloudEvent<CapabilityTargetSet> event =
        CloudEvent.of(
            EventTypes.CAPABILITY_TARGET_SET,
            identity.source(),
            request.effectiveFrom().atStartOfDay().atOffset(ZoneOffset.UTC),
            capabilityId,
            target);
    record(event, "target", capabilityId, Actors.of(actor));
    return ResponseEntity.accepted()
        .location(URI.create("/capabilities/" + capabilityId))
        .body(Map.of("eventId", event.id(), "capabilityId", capabilityId));
  }

  @PostMapping("/corrections")
  ResponseEntity<Map<String, Object>> correct(
      @Valid @RequestBody CorrectionRequest request, Principal actor) {
    if (EventTypes.byName(request.eventType()).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-event-type", "no event type " + request.eventType());
    }
    CloudEvent<EventVoided> event =
        CloudEvent.of(
                EventTypes.PLANNING_EVENT_VOIDED,
                identity.source(),
                LocalDate.now(clock).atStartOfDay().atOffset(ZoneOffset.UTC),
                request.eventId(),
                new EventVoided(request.eventId(), request.eventType(), request.reason()))
            .withPartitionKey(request.partnerId());
    record(event, "correction", request.partnerId(), Actors.of(actor));
    return ResponseEntity.accepted()
        .body(Map.of("eventId", event.id(), "voidedEventId", request.eventId()));
  }

  /** The command as a document of its own with its event in the same write (outbox). */
  private void record(CloudEvent<?> event, String kind, String about, String actor) {
    outbox.insert(
        planning,
        new Document("_id", event.id())
            .append("kind", kind)
            .append("about", about)
            .append("actor", actor)
            .append("recordedAt", Date.from(clock.instant())),
        List.of(event));
  }
}
