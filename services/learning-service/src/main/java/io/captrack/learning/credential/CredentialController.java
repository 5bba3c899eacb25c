package io.captrack.learning.credential;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.captrack.learning.system.Events;
import io.captrack.platform.PersonRefs;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.outbox.Versioned;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.platform.web.ETags;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.learning.CredentialIssued;
import io.captrack.schemas.learning.CredentialRenewed;
import io.captrack.schemas.learning.CredentialRevoked;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.bson.Document;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Credentials with their validity: issued, renewed, revoked. */
@RestController
@RequestMapping("/credentials")
class CredentialController {

  private final Versioned credentials;
  private final PersonRefs personRefs;
  private final Taxonomy taxonomy;
  private final Events events;

  CredentialController(
      MongoDatabase database,
      Outbox outbox,
      PersonRefs personRefs,
      Taxonomy taxonomy,
      Events events) {
    this.credentials = new Versioned(database.getCollection("credentials"), outbox, "credential");
    this.personRefs = personRefs;
    this.taxonomy = taxonomy;
    this.events = events;
  }

  @PostMapping
  ResponseEntity<Document> issue(@Valid @RequestBody CredentialRequests.Issue request) {
    if (taxonomy.capability(request.capabilityId()).isEmpty()) {
      throw CommandRejectedException.unprocessable(
          "unknown-capability", "unknown capability id: " + request.capabilityId());
    }
    if (request.validUntil() != null && request.validUntil().isBefore(request.issuedOn())) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "validUntil must not be before issuedOn");
    }
    String id = request.credentialId() == null ? "cr-" + UUID.randomUUID() : request.credentialId();
    String personRef = personRefs.of(request.hrId());
    CredentialIssued issued =
        new CredentialIssued(
            id,
            personRef,
            request.capabilityId(),
            request.level(),
            request.name(),
            request.issuer(),
            request.issuedOn(),
            request.validUntil());
    Document doc =
        new Document("_id", id)
            .append("personRef", personRef)
            .append("capabilityId", request.capabilityId())
            .append("level", request.level())
            .append("name", request.name())
            .append("issuer", request.issuer())
            .append("issuedOn", request.issuedOn().toString())
            .append("validUntil", text(request.validUntil()))
            .append("status", "ACTIVE");
    Document created;
    try {
      created =
          credentials.insert(
              doc,
              events.of(EventTypes.CREDENTIAL_ISSUED, request.issuedOn(), id, personRef, issued));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        throw CommandRejectedException.conflict(
            "duplicate-credential", "credential " + id + " exists");
      }
      throw e;
    }
    return ResponseEntity.created(URI.create("/credentials/" + id)).eTag(ETags.of(1)).body(created);
  }

  @GetMapping("/{credentialId}")
  ResponseEntity<Document> get(@PathVariable String credentialId) {
    Document d = credentials.load(credentialId);
    return ResponseEntity.ok().eTag(ETags.of(Versioned.version(d))).body(d);
  }

  @PostMapping("/{credentialId}/renewal")
  ResponseEntity<Document> renew(
      @PathVariable String credentialId,
      @Valid @RequestBody CredentialRequests.Renew request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Document current = active(credentialId);
    LocalDate previous = date(current.getString("validUntil"));
    if (previous == null) {
      throw CommandRejectedException.conflict(
          "open-ended", "credential " + credentialId + " does not expire");
    }
    if (!request.validUntil().isAfter(previous)) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a renewal must run past " + previous);
    }
    LocalDate on = request.renewedOn() == null ? events.today() : request.renewedOn();
    CredentialRenewed renewed =
        new CredentialRenewed(
            credentialId, current.getString("personRef"), on, previous, request.validUntil());
    return answer(
        credentials.change(
            current,
            ifMatch,
            Updates.set("validUntil", request.validUntil().toString()),
            events.of(
                EventTypes.CREDENTIAL_RENEWED, on, credentialId, renewed.personRef(), renewed)));
  }

  @PostMapping("/{credentialId}/revocation")
  ResponseEntity<Document> revoke(
      @PathVariable String credentialId,
      @Valid @RequestBody CredentialRequests.Revoke request,
      @RequestHeader(name = "If-Match", required = false) String ifMatch) {
    Document current = active(credentialId);
    if (request.revokedOn().isBefore(LocalDate.parse(current.getString("issuedOn")))) {
      throw CommandRejectedException.unprocessable(
          "invalid-period", "a credential cannot be revoked before it was issued");
    }
    CredentialRevoked revoked =
        new CredentialRevoked(
            credentialId, current.getString("personRef"), request.revokedOn(), request.reason());
    return answer(
        credentials.change(
            current,
            ifMatch,
            Updates.combine(
                Updates.set("status", "REVOKED"),
                Updates.set("revokedOn", request.revokedOn().toString())),
            events.of(
                EventTypes.CREDENTIAL_REVOKED,
                request.revokedOn(),
                credentialId,
                revoked.personRef(),
                revoked)));
  }

  private Document active(String credentialId) {
    Document current = credentials.load(credentialId);
    if (!"ACTIVE".equals(current.getString("status"))) {
      throw CommandRejectedException.conflict(
          "credential-revoked", "credential " + credentialId + " was revoked");
    }
    return current;
  }

  private static ResponseEntity<Document> answer(Document d) {
    return ResponseEntity.ok().eTag(ETags.of(Versioned.version(d))).body(d);
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }
}
