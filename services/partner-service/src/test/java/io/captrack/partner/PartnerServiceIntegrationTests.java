package io.captrack.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.EventTypes;
import io.captrack.schemas.Topics;
import io.captrack.schemas.partner.PartnerAgreementSigned;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.config.name=partner-service")
class PartnerServiceIntegrationTests {

  private static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  private final CloudEventCodec codec = new CloudEventCodec();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "partner-it");
  }

  @Test
  void registrationAndAgreementArePublishedInOrderWithCloudEventsHeaders() {
    HttpJson http = HttpJson.local(port);
    String partnerId = register(http, "Acme Digital Ltd");

    HttpResponse<String> signed =
        http.post(
            "/partners/" + partnerId + "/agreements",
            """
            {"capabilities":["exp.ux_designer","build.devops"],"capacityFte":2.5,
             "value":{"amount":120000,"currency":"EUR"},
             "effectiveFrom":"2026-01-01","effectiveTo":"2027-01-01","noticeDays":30}
            """);
    assertThat(signed.statusCode()).isEqualTo(201);

    List<CloudEvent<?>> events = eventsOf(partnerId, 2);
    assertThat(events)
        .extracting(e -> e.type().name())
        .containsExactly(
            EventTypes.PARTNER_REGISTERED.name(), EventTypes.PARTNER_AGREEMENT_SIGNED.name());
    PartnerAgreementSigned agreement = (PartnerAgreementSigned) events.get(1).data();
    assertThat(agreement.capacityFte()).isEqualByComparingTo(new BigDecimal("2.5"));
    assertThat(agreement.effectiveFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(events.get(1).time().toLocalDate()).isEqualTo(LocalDate.of(2026, 1, 1));
    assertThat(events.get(1).source()).isEqualTo("/captrack/partner-service");

    JsonNode partner = JSON.readTree(http.get("/partners/" + partnerId).body());
    assertThat(partner.get("agreements").get(0).get("capabilities").size()).isEqualTo(2);
    assertThat(partner.get("version").asLong()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          malformed JSON       | {"capabilities":["data.ml"],                                      | 400 | unreadable-body
          missing capabilities | {"capacityFte":1,"effectiveFrom":"2026-01-01"}                    | 400 | invalid-request
          negative FTE         | {"capabilities":["data.ml"],"capacityFte":-1,"effectiveFrom":"2026-01-01"} | 400 | invalid-request
          wrong type           | {"capabilities":["data.ml"],"capacityFte":"lots","effectiveFrom":"2026-01-01"} | 400 | unreadable-body
          unknown capability   | {"capabilities":["data.nope"],"capacityFte":1,"effectiveFrom":"2026-01-01"} | 422 | unknown-capability
          end before start     | {"capabilities":["data.ml"],"capacityFte":1,"effectiveFrom":"2026-02-01","effectiveTo":"2026-01-01"} | 422 | invalid-period
          """)
  void badAgreementGetsAProblemAndChangesNothing(
      String name, String body, int status, String type) {
    HttpJson http = HttpJson.local(port);
    String partnerId = register(http, "Bad Input Co");

    HttpResponse<String> response = http.post("/partners/" + partnerId + "/agreements", body);

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(ct -> assertThat(ct).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.get("type").asString()).isEqualTo("https://captrack.io/problems/" + type);
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    JsonNode partner = JSON.readTree(http.get("/partners/" + partnerId).body());
    assertThat(partner.get("agreements").size()).isZero();
    assertThat(partner.get("version").asLong()).isEqualTo(1);
  }

  @Test
  void agreementForAnUnknownPartnerIs404() {
    HttpResponse<String> response =
        HttpJson.local(port)
            .post(
                "/partners/p-missing/agreements",
                "{\"capabilities\":[\"data.ml\"],\"capacityFte\":1,\"effectiveFrom\":\"2026-01-01\"}");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).get("detail").asString())
        .contains("partner p-missing does not exist");
  }

  private static String register(HttpJson http, String name) {
    HttpResponse<String> created = http.post("/partners", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    return JSON.readTree(created.body()).get("partnerId").asString();
  }

  private List<CloudEvent<?>> eventsOf(String partnerId, int expected) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                TopicReader.readAll(
                        TestInfrastructure.shared().bootstrapServers(),
                        Topics.PARTNER_EVENTS.name())
                    .stream()
                    .filter(r -> partnerId.equals(r.key()))
                    .<CloudEvent<?>>map(codec::decode)
                    .toList(),
            list -> list.size() >= expected);
  }
}
