package io.captrack.talent;

import static io.captrack.talent.TalentLifecycleIntegrationTests.hire;
import static io.captrack.talent.TalentLifecycleIntegrationTests.records;
import static io.captrack.talent.TalentLifecycleIntegrationTests.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bad-input corpus of talent-service: 4xx problems, nothing stored, nothing published. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=talent-service",
      "captrack.person-ref.secret=" + TalentLifecycleIntegrationTests.SECRET
    })
class TalentBadInputIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final PersonRefs REFS = new PersonRefs(TalentLifecycleIntegrationTests.SECRET);

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "talent-bad-it");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          malformed JSON          | /hires          | {"hrId":                                    |                 | 400 | unreadable-body
          missing hrId            | /hires          | {"capabilities":[{"capabilityId":"data.ml","level":3}],"startDate":"2026-01-01","hireType":"PERMANENT"} | | 400 | invalid-request
          level out of scale      | /hires          | {"hrId":"{new}","capabilities":[{"capabilityId":"data.ml","level":9}],"startDate":"2026-01-01","hireType":"PERMANENT"} | | 400 | invalid-request
          unknown hire type       | /hires          | {"hrId":"{new}","capabilities":[{"capabilityId":"data.ml","level":3}],"startDate":"2026-01-01","hireType":"SEASONAL"} | | 400 | unreadable-body
          level of the wrong type | /hires          | {"hrId":"{new}","capabilities":[{"capabilityId":"data.ml","level":"high"}],"startDate":"2026-01-01","hireType":"PERMANENT"} | | 400 | unreadable-body
          unknown capability      | /hires          | {"hrId":"{new}","capabilities":[{"capabilityId":"data.nope","level":3}],"startDate":"2026-01-01","hireType":"PERMANENT"} | | 422 | unknown-capability
          capability twice        | /hires          | {"hrId":"{new}","capabilities":[{"capabilityId":"data.ml","level":3},{"capabilityId":"data.ml","level":2}],"startDate":"2026-01-01","hireType":"PERMANENT"} | | 422 | duplicate-capability
          invalid e-mail          | /hires          | {"hrId":"{new}","capabilities":[{"capabilityId":"data.ml","level":3}],"startDate":"2026-01-01","hireType":"PERMANENT","email":"not-mail"} | | 400 | invalid-request
          the same hire again     | /hires          | {"hrId":"{hr}","capabilities":[{"capabilityId":"data.ml","level":4}],"startDate":"2026-02-01","hireType":"PERMANENT"} | | 409 | duplicate-hire
          hired while employed    | /hires          | {"hrId":"{hr}","capabilities":[{"capabilityId":"data.ml","level":4}],"startDate":"2026-05-01","hireType":"PERMANENT"} | | 409 | already-employed
          oversized body          | /hires          | {"hrId":"{new}","pad":"{big}"}              |                 | 413 | body-too-large
          redeploy a stranger     | /redeployments  | {"hrId":"{new}","capabilities":[{"capabilityId":"data.ml","level":3}],"effectiveOn":"2026-03-01"} | | 404 | not-found
          redeploy before hire    | /redeployments  | {"hrId":"{hr}","capabilities":[{"capabilityId":"data.ml","level":3}],"effectiveOn":"2026-01-01"} | | 422 | invalid-period
          unknown leaving reason  | /separations    | {"hrId":"{hr}","effectiveOn":"2026-06-01","reason":"BORED"} |  | 400 | unreadable-body
          leave before hire       | /separations    | {"hrId":"{hr}","effectiveOn":"2026-01-15","reason":"VOLUNTARY"} | | 422 | invalid-period
          stale If-Match          | /separations    | {"hrId":"{hr}","effectiveOn":"2026-06-01","reason":"VOLUNTARY"} | If-Match="99" | 412 | stale-version
          unknown scale           | /assessments    | {"hrId":"{hr}","capabilityId":"data.ml","method":"PEER","rawValue":"3","rawScale":"stars"} | | 422 | unknown-scale
          value not on the scale  | /assessments    | {"hrId":"{hr}","capabilityId":"data.ml","method":"PEER","rawValue":"6","rawScale":"five-point"} | | 422 | invalid-raw-value
          unknown method          | /assessments    | {"hrId":"{hr}","capabilityId":"data.ml","method":"HOROSCOPE","rawValue":"3","rawScale":"five-point"} | | 400 | unreadable-body
          no headcount            | /requisitions   | {"capabilityId":"data.ml","level":3,"headcount":0} |              | 400 | invalid-request
          target before opening   | /requisitions   | {"capabilityId":"data.ml","level":3,"headcount":1,"openedOn":"2026-05-01","targetDate":"2026-04-01"} | | 422 | invalid-period
          close before opening    | /requisitions/{r}/closure | {"closedOn":"2026-01-01","outcome":"CANCELLED"} |     | 422 | invalid-period
          close an unknown one    | /requisitions/r-nope/closure | {"closedOn":"2026-06-01","outcome":"CANCELLED"} |  | 404 | not-found
          """)
  void badInputGetsAProblemAndChangesNothing(
      String name, String path, String body, String header, int status, String type) {
    HttpJson http = HttpJson.local(port).as("harriet@hr", "hr");
    String hrId = "HR-" + UUID.randomUUID();
    String ref = REFS.of(hrId);
    status(http.post("/hires", hire(hrId, "2026-02-01", "Case Person", "case@example.com")), 201);
    String requisition =
        JSON.readTree(
                status(
                    http.post(
                        "/requisitions",
                        "{\"capabilityId\":\"data.ml\",\"level\":3,\"headcount\":1,\"openedOn\":\"2026-03-01\"}"),
                    201))
            .get("_id")
            .asString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> records(ref).size() == 1 && records(requisition).size() == 1);
    long people = database.getCollection("people").countDocuments();
    long requisitions = database.getCollection("requisitions").countDocuments();

    Map<String, String> headers = new HashMap<>();
    if (header != null) {
      String[] kv = header.split("=", 2);
      headers.put(kv[0], kv[1]);
    }
    HttpResponse<String> response =
        http.send(
            "POST",
            path.replace("{r}", requisition),
            "application/json",
            body.replace("{hr}", hrId)
                .replace("{new}", "HR-" + UUID.randomUUID())
                .replace("{big}", "x".repeat(70_000)),
            headers);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo("https://captrack.io/problems/" + type);
    assertThat(problem.get("detail").asString()).isNotBlank();
    assertThat(database.getCollection("people").countDocuments()).isEqualTo(people);
    assertThat(database.getCollection("requisitions").countDocuments()).isEqualTo(requisitions);
    Document person = database.getCollection("people").find(new Document("_id", ref)).first();
    assertThat(person.get("version", Number.class).longValue()).isEqualTo(1);
    assertThat(person.getList("outbox", Document.class, List.of())).as("events waiting").isEmpty();
    assertThat(records(ref)).hasSize(1);
    assertThat(records(requisition)).hasSize(1);
  }
}
