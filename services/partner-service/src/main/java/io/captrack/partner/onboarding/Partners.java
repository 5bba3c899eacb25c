package io.captrack.partner.onboarding;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.captrack.platform.ServiceIdentity;
import io.captrack.platform.outbox.Outbox;
import io.captrack.platform.web.CommandRejectedException;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.schemas.partner.PartnerRegistered;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.stereotype.Component;

/** The partner aggregate: one document per partner, agreements inside, events in its outbox. */
@Component
public class Partners {

  static final String COLLECTION = "partners";

  private final MongoCollection<Document> partners;
  private final Outbox outbox;
  private final ServiceIdentity identity;
  private final Clock clock;

  Partners(MongoDatabase database, Outbox outbox, ServiceIdentity identity, Clock clock) {
    this.partners = database.getCollection(COLLECTION);
    this.outbox = outbox;
    this.identity = identity;
    this.clock = clock;
  }

  PartnerView register(RegisterPartnerRequest request) {
    String partnerId = "p-" + UUID.randomUUID();
    PartnerRegistered registered =
        new PartnerRegistered(
            partnerId, request.name().trim(), request.erpSupplierNumber(), request.taxId());
    Document doc =
        new Document("_id", partnerId)
            .append("name", registered.name())
            .append("erpSupplierNumber", registered.erpSupplierNumber())
            .append("taxId", registered.taxId())
            .append("status", "REGISTERED")
            .append("registeredAt", Date.from(clock.instant()))
            .append("version", 1L)
            .append("agreements", List.of());
    outbox.insert(
        partners,
        doc,
        List.of(
            CloudEvent.of(
                EventTypes.PARTNER_REGISTERED,
                identity.source(),
                OffsetDateTime.now(clock),
                partnerId,
                registered)));
    return view(doc);
  }

  /**
   * Records a signed agreement on an existing partner; the agreement and its event are one write.
   */
  public PartnerView.AgreementView signAgreement(String partnerId, PartnerAgreementSigned signed) {
    Document partner = partners.find(eq("_id", partnerId)).first();
    if (partner == null) {
      throw CommandRejectedException.notFound("partner", partnerId);
    }
    Document agreement =
        new Document("agreementId", signed.agreementId())
            .append("capabilities", signed.capabilities())
            .append("capacityFte", new Decimal128(signed.capacityFte()))
            .append("effectiveFrom", signed.effectiveFrom().toString())
            .append(
                "effectiveTo",
                signed.effectiveTo() == null ? null : signed.effectiveTo().toString())
            .append("noticeDays", signed.noticeDays())
            .append("recordedAt", Date.from(clock.instant()));
    if (signed.value() != null) {
      agreement.append(
          "value",
          new Document("amount", new Decimal128(signed.value().amount()))
              .append("currency", signed.value().currency()));
    }
    long version = partner.getLong("version");
    var result =
        outbox.update(
            partners,
            com.mongodb.client.model.Filters.and(eq("_id", partnerId), eq("version", version)),
            Updates.combine(Updates.push("agreements", agreement), Updates.inc("version", 1L)),
            List.of(
                CloudEvent.of(
                    EventTypes.PARTNER_AGREEMENT_SIGNED,
                    identity.source(),
                    signed.effectiveFrom().atStartOfDay().atOffset(ZoneOffset.UTC),
                    partnerId,
                    signed)));
    if (result.getMatchedCount() == 0) {
      throw CommandRejectedException.conflict(
          "concurrent-update", "partner " + partnerId + " changed meanwhile; retry");
    }
    return agreementView(agreement);
  }

  Optional<PartnerView> find(String partnerId) {
    return Optional.ofNullable(partners.find(eq("_id", partnerId)).first()).map(Partners::view);
  }

  List<PartnerView> list(int limit) {
    return partners
        .find()
        .sort(new Document("_id", 1))
        .limit(limit)
        .map(Partners::view)
        .into(new java.util.ArrayList<>());
  }

  private static PartnerView view(Document d) {
    return new PartnerView(
        d.getString("_id"),
        d.getString("name"),
        d.getString("erpSupplierNumber"),
        d.getString("taxId"),
        d.getString("status"),
        d.getLong("version"),
        d.getList("agreements", Document.class, List.of()).stream()
            .map(Partners::agreementView)
            .toList());
  }

  private static PartnerView.AgreementView agreementView(Document a) {
    String to = a.getString("effectiveTo");
    return new PartnerView.AgreementView(
        a.getString("agreementId"),
        a.getList("capabilities", String.class),
        decimal(a.get("capacityFte")),
        LocalDate.parse(a.getString("effectiveFrom")),
        to == null ? null : LocalDate.parse(to),
        a.getInteger("noticeDays", 0));
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof Decimal128 d ? d.bigDecimalValue() : new BigDecimal(value.toString());
  }
}
