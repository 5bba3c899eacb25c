package io.captrack.talent;

import static io.captrack.talent.TalentLifecycleIntegrationTests.records;
import static io.captrack.talent.TalentLifecycleIntegrationTests.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.platform.PersonRefs;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
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
class CsvImportIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "talent-csv-it");
  }

  @Test
  void validRowsAreRecordedBadRowsReportedAndASecondImportCreatesNothing() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String csv =
        """
        email,hrId,startDate,hireType,capabilities,name
        a@example.com,%1$s-1,2026-02-01,PERMANENT,data.ml:4;build.devops:3,"Doe, Jane"
        b@example.com,%1$s-2,2026-02-30,PERMANENT,data.ml:4,Bad Date
        ,%1$s-3,2026-03-01,contractor,exp.ux_designer:3,
        c@example.com,%1$s-4,2026-03-01,PERMANENT,data.nope:3,Unknown Capability
        d@example.com,%1$s-5,2026-03-01,PERMANENT,data.ml:9,Level Too High
        e@example.com,%1$s-6,2026-04-01,INTERN,ops.customer_service:2,Ok Intern
        f@example.com,%1$s-7,2300-04-01,PERMANENT,data.ml:3,Far Future
        """
            .formatted(run);
    HttpJson http = HttpJson.local(port).as("harriet@hr", "hr");

    JsonNode first =
        JSON.readTree(status(http.send("POST", "/hires/import", "text/csv", csv, Map.of()), 200));
    JsonNode second =
        JSON.readTree(status(http.send("POST", "/hires/import", "text/csv", csv, Map.of()), 200));

    assertThat(first.get("rows").asInt()).isEqualTo(7);
    assertThat(first.get("created").asInt()).isEqualTo(3);
    assertThat(first.get("duplicates").asInt()).isZero();
    assertThat(first.get("rejected").valueStream().map(r -> r.get("line").asInt()))
        .containsExactly(3, 5, 6, 8);
    assertThat(first.get("rejected").get(0).get("reason").asString()).contains("startDate");
    assertThat(first.get("rejected").get(1).get("reason").asString()).contains("data.nope");
    assertThat(first.get("rejected").get(2).get("reason").asString()).contains("between 1 and 7");
    assertThat(first.get("rejected").get(3).get("reason").asString()).contains("2199-12-31");
    assertThat(second.get("created").asInt()).isZero();
    assertThat(second.get("duplicates").asInt()).isEqualTo(3);
    assertThat(second.get("rejected").size()).isEqualTo(4);

    PersonRefs refs = new PersonRefs(TalentLifecycleIntegrationTests.SECRET);
    await().atMost(Duration.ofSeconds(30)).until(() -> records(refs.of(run + "-6")).size() == 1);
    for (String row : new String[] {"-1", "-3", "-6"}) {
      assertThat(records(refs.of(run + row))).hasSize(1);
    }
    assertThat(records(refs.of(run + "-2"))).isEmpty();
  }

  @Test
  void aFileWithoutTheRequiredColumnsIsAProblem() {
    var response =
        HttpJson.local(port)
            .as("harriet@hr", "hr")
            .send("POST", "/hires/import", "text/csv", "hrId,startDate\nx,2026-01-01\n", Map.of());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).get("detail").asString())
        .contains("hiretype", "capabilities");
  }
}
