package io.captrack.talent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topics;
import io.captrack.schemas.talent.ProficiencyAssessed;
import io.captrack.schemas.talent.RequisitionClosed;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=talent-service",
      "captrack.person-ref.secret=" + TalentLifecycleIntegrationTests.SECRET
    })
@ExtendWith(OutputCaptureExtension.class)
class TalentLifecycleIntegrationTests {

  static final String SECRET = "talent-test-secret-0123456789";
  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private static final PersonRefs REFS = new PersonRefs(SECRET);

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "talent-it");
  }

  @Test
  void hireAssessRedeployAndSeparateArePublishedInOrderUnderThePersonRefOnly() {
    HttpJson http = HttpJson.local(port).as("harriet@hr", "hr");
    String hrId = "HR-" + UUID.randomUUID();
    String ref = REFS.of(hrId);
    HttpResponse<String> hireAnswer =
        http.post("/hires", hire(hrId, "2026-02-01", "Ada Example", "ada@example.com"));
    JsonNode hired = JSON.readTree(status(hireAnswer, 201));
    JsonNode assessed =
        JSON.readTree(
            status(
                http.post(
                    "/assessments",
                    """
                    {"hrId":"%s","capabilityId":"data.ml","method":"MANAGER","rawValue":"80","rawScale":"percent","assessedOn":"2026-03-01"}
                    """
                        .formatted(hrId)),
                201));
    assertThat(assessed.get("level").asInt()).isEqualTo(5);
    status(
        http.post(
            "/redeployments",
            """
            {"hrId":"%s","capabilities":[{"capabilityId":"data.analyst","level":3}],"effectiveOn":"2026-04-01","role":"Analyst"}
            """
                .formatted(hrId)),
        201);
    HttpResponse<String> person = http.get("/people/" + hrId);
    String etag = person.headers().firstValue("ETag").orElseThrow();
    String leave =
        "{\"hrId\":\"%s\",\"effectiveOn\":\"2026-09-30\",\"reason\":\"VOLUNTARY\"}".formatted(hrId);
    status(http.post("/separations", leave, Map.of("If-Match", "\"1\"")), 412);
    status(http.post("/separations", leave, Map.of("If-Match", etag)), 201);
    status(
        http.post(
            "/redeployments",
            "{\"hrId\":\"%s\",\"capabilities\":[{\"capabilityId\":\"data.ml\",\"level\":3}],\"effectiveOn\":\"2026-10-01\"}"
                .formatted(hrId)),
        409);

    List<ConsumerRecord<String, byte[]>> records =
        await().atMost(Duration.ofSeconds(30)).until(() -> records(ref), l -> l.size() >= 4);
    CloudEventCodec codec = new CloudEventCodec();
    assertThat(records.stream().map(r -> codec.decode(r).type().name()))
        .containsExactly(
            EventTypes.TALENT_HIRED.name(),
            EventTypes.PROFICIENCY_ASSESSED.name(),
            EventTypes.TALENT_REDEPLOYED.name(),
            EventTypes.TALENT_SEPARATED.name());
    assertThat(codec.decode(records.get(0)).id())
        .as("the hire's answer names the event it recorded")
        .isEqualTo(hired.get("eventId").asString());
    // read your writes: the answer says where that event landed, as the topic shows it
    String position = hireAnswer.headers().firstValue("Captrack-Position").orElseThrow();
    String landed =
        Topics.TALENT_EVENTS.name()
            + ":"
            + records.get(0).partition()
            + ":"
            + records.get(0).offset();
    assertThat(position).startsWith("v1.");
    assertThat(
            new String(
                Base64.getUrlDecoder().decode(position.substring(3)), StandardCharsets.UTF_8))
        .isEqualTo(landed);
    ProficiencyAssessed assessment = (ProficiencyAssessed) codec.decode(records.get(1)).data();
    assertThat(assessment.rawValue()).isEqualTo("80");
    assertThat(assessment.rawScale()).isEqualTo("percent");
    assertThat(assessment.level()).isEqualTo(5);
    for (ConsumerRecord<String, byte[]> r : records) {
      String value = new String(r.value(), StandardCharsets.UTF_8);
      assertThat(value)
          .doesNotContain(hrId)
          .doesNotContain("Ada")
          .doesNotContain("ada@example.com");
    }
  }

  @Test
  void erasureDeletesTheMappingAndThePersonalFields(CapturedOutput output) {
    HttpJson http = HttpJson.local(port).as("harriet@hr", "hr");
    String hrId = "HR-" + UUID.randomUUID();
    String ref = REFS.of(hrId);
    status(
        http.post("/hires", hire(hrId, "2026-01-05", "Grace Example", "grace@example.com")), 201);
    Document identity = database.getCollection("identities").find(new Document("_id", ref)).first();
    assertThat(identity.getString("name")).isEqualTo("Grace Example");

    JsonNode erased =
        JSON.readTree(
            status(http.send("DELETE", "/people/" + hrId, "application/json", "", Map.of()), 200));

    assertThat(erased.get("erased").asBoolean()).isTrue();
    assertThat(database.getCollection("identities").countDocuments(new Document("_id", ref)))
        .isZero();
    assertThat(database.getCollection("people").find(new Document("_id", ref)).first().toJson())
        .doesNotContain("Grace")
        .doesNotContain(hrId);
    // a bad hire with personal fields, and a wrong one: the service logs neither name nor e-mail
    status(http.post("/hires", hire(hrId, "2026-01-05", "Grace Example", "not-an-email")), 400);
    status(
        http.post("/hires", hire(hrId + "-2", "2300-01-05", "Grace Example", "g@example.com")),
        422);
    assertThat(output.getAll())
        .as("the service's log")
        .doesNotContain("Grace")
        .doesNotContain("grace@example.com")
        .doesNotContain("g@example.com");
  }

  @Test
  void requisitionsOpenAndClose() {
    HttpJson http = HttpJson.local(port).as("harriet@hr", "hr");
    JsonNode opened =
        JSON.readTree(
            status(
                http.post(
                    "/requisitions",
                    "{\"capabilityId\":\"build.devops\",\"level\":3,\"headcount\":2,\"openedOn\":\"2026-03-01\"}"),
                201));
    String id = opened.get("_id").asString();
    status(
        http.post(
            "/requisitions/" + id + "/closure",
            "{\"closedOn\":\"2026-05-01\",\"outcome\":\"FILLED\",\"filled\":3}"),
        422);
    status(
        http.post(
            "/requisitions/" + id + "/closure",
            "{\"closedOn\":\"2026-05-01\",\"outcome\":\"FILLED\",\"filled\":2}"),
        200);
    status(
        http.post(
            "/requisitions/" + id + "/closure",
            "{\"closedOn\":\"2026-05-02\",\"outcome\":\"CANCELLED\"}"),
        409);

    List<CloudEvent<?>> events =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    records(id).stream().<CloudEvent<?>>map(new CloudEventCodec()::decode).toList(),
                l -> l.size() >= 2);
    assertThat(events)
        .extracting(e -> e.type().name())
        .containsExactly(
            EventTypes.REQUISITION_OPENED.name(), EventTypes.REQUISITION_CLOSED.name());
    assertThat(((RequisitionClosed) events.get(1).data()).filled()).isEqualTo(2);
  }

  @Test
  void theServiceDescribesItsApi() {
    JsonNode openApi = JSON.readTree(status(HttpJson.local(port).get("/v3/api-docs"), 200));
    assertThat(openApi.get("paths").propertyNames())
        .contains(
            "/hires",
            "/hires/import",
            "/redeployments",
            "/separations",
            "/assessments",
            "/requisitions",
            "/requisitions/{requisitionId}/closure",
            "/people/{hrId}");
  }

  static String hire(String hrId, String start, String name, String email) {
    return """
        {"hrId":"%s","capabilities":[{"capabilityId":"data.ml","level":4}],"startDate":"%s",
         "hireType":"PERMANENT","name":"%s","email":"%s"}
        """
        .formatted(hrId, start, name, email);
  }

  static String status(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return response.body();
  }

  static List<ConsumerRecord<String, byte[]>> records(String key) {
    return TopicReader.readAll(
            TestInfrastructure.shared().bootstrapServers(), Topics.TALENT_EVENTS.name())
        .stream()
        .filter(r -> key.equals(r.key()))
        .toList();
  }
}
