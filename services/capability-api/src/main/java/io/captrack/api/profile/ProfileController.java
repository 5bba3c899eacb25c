package io.captrack.api.profile;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.readmodel.StoredProfiles;
import io.captrack.platform.web.CommandRejectedException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A profile per person (by personRef, never a name) and per partner: what they hold or lend on a
 * day, and the whole history as stretches of days per capability.
 */
@RestController
class ProfileController {

  /** A profile: what holds on {@code asOf}, and every stretch. */
  record Profile(
      String id,
      LocalDate asOf,
      List<Map<String, Object>> current,
      List<Map<String, Object>> history) {}

  private final ReadModel readModel;
  private final Clock clock;

  ProfileController(ReadModel readModel, Clock clock) {
    this.readModel = readModel;
    this.clock = clock;
  }

  @GetMapping("/people/{personRef}/profile")
  Profile person(
      @PathVariable String personRef,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    return profile(readModel.current("people"), "person", personRef, asOf);
  }

  @GetMapping("/partners/{partnerId}/profile")
  Profile partner(
      @PathVariable String partnerId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          LocalDate asOf) {
    return profile(readModel.current("partners"), "partner", partnerId, asOf);
  }

  private Profile profile(
      MongoCollection<Document> collection, String what, String id, LocalDate asOf) {
    Document d = collection.find(eq("_id", id)).projection(new Document("profile", 1)).first();
    if (d == null) {
      throw CommandRejectedException.notFound(what, id);
    }
    LocalDate day = asOf == null ? LocalDate.now(clock) : asOf;
    List<Map<String, Object>> history =
        StoredProfiles.read(d.get("profile")).stream().map(ProfileController::stretch).toList();
    List<Map<String, Object>> current =
        history.stream()
            .filter(
                s ->
                    !LocalDate.parse((String) s.get("from")).isAfter(day)
                        && (s.get("to") == null
                            || day.isBefore(LocalDate.parse((String) s.get("to")))))
            .toList();
    return new Profile(id, day, current, history);
  }

  private static Map<String, Object> stretch(Document s) {
    Document copy = new Document(s);
    Object centi = copy.remove("fteCenti");
    if (centi != null) {
      copy.put(
          "fte",
          java.math.BigDecimal.valueOf(((Number) centi).longValue(), 2).stripTrailingZeros());
    }
    return copy;
  }
}
