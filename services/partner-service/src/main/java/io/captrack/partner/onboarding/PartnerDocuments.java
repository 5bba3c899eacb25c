package io.captrack.partner.onboarding;

import io.captrack.schemas.partner.Money;
import io.captrack.schemas.partner.PartnerStatus;
import io.captrack.schemas.partner.QualificationStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.bson.Document;
import org.bson.types.Decimal128;

/** Maps the partner aggregate to and from its MongoDB document. */
public final class PartnerDocuments {

  private PartnerDocuments() {}

  static Partner partner(Document d) {
    return new Partner(
        d.getString("_id"),
        d.getString("name"),
        d.getString("erpSupplierNumber"),
        d.getString("taxId"),
        PartnerStatus.valueOf(d.getString("status")),
        d.getString("registeredBy"),
        ((Number) d.get("version")).longValue(),
        d.getList("qualifications", Document.class, List.of()).stream()
            .map(PartnerDocuments::qualification)
            .toList(),
        d.getList("agreements", Document.class, List.of()).stream()
            .map(PartnerDocuments::agreement)
            .toList());
  }

  public static List<Document> qualifications(List<Partner.Qualification> qualifications) {
    return qualifications.stream()
        .map(
            q ->
                new Document("qualificationId", q.qualificationId())
                    .append("capabilities", q.capabilities())
                    .append("status", q.status().name())
                    .append("validFrom", q.validFrom().toString())
                    .append("validUntil", text(q.validUntil())))
        .toList();
  }

  public static List<Document> agreements(List<Partner.Agreement> agreements) {
    return agreements.stream()
        .map(
            a -> {
              Document d =
                  new Document("agreementId", a.agreementId())
                      .append("capabilities", a.capabilities())
                      .append("capacityFte", new Decimal128(a.capacityFte()))
                      .append("effectiveFrom", a.effectiveFrom().toString())
                      .append("effectiveTo", text(a.effectiveTo()))
                      .append("noticeDays", a.noticeDays())
                      .append("amendments", a.amendments())
                      .append("terminatedOn", text(a.terminatedOn()));
              if (a.value() != null) {
                d.append(
                    "value",
                    new Document("amount", new Decimal128(a.value().amount()))
                        .append("currency", a.value().currency()));
              }
              return d;
            })
        .toList();
  }

  private static Partner.Qualification qualification(Document q) {
    return new Partner.Qualification(
        q.getString("qualificationId"),
        q.getList("capabilities", String.class),
        QualificationStatus.valueOf(q.getString("status")),
        LocalDate.parse(q.getString("validFrom")),
        date(q.getString("validUntil")));
  }

  private static Partner.Agreement agreement(Document a) {
    Document value = a.get("value", Document.class);
    return new Partner.Agreement(
        a.getString("agreementId"),
        a.getList("capabilities", String.class),
        decimal(a.get("capacityFte")),
        value == null ? null : new Money(decimal(value.get("amount")), value.getString("currency")),
        LocalDate.parse(a.getString("effectiveFrom")),
        date(a.getString("effectiveTo")),
        a.getInteger("noticeDays", 0),
        a.getInteger("amendments", 0),
        date(a.getString("terminatedOn")));
  }

  private static BigDecimal decimal(Object value) {
    return value instanceof Decimal128 d ? d.bigDecimalValue() : new BigDecimal(value.toString());
  }

  private static String text(LocalDate date) {
    return date == null ? null : date.toString();
  }

  private static LocalDate date(String text) {
    return text == null ? null : LocalDate.parse(text);
  }
}
