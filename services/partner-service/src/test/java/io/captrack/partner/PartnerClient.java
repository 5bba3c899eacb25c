package io.captrack.partner;

import static org.assertj.core.api.Assertions.assertThat;

import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.schemas.Topics;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import io.captrack.testkit.TopicReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test helper: partner-service over real HTTP, and what it published. */
final class PartnerClient {

  static final JsonMapper JSON = CloudEventCodec.defaultMapper();
  static final String ALICE = "alice@procurement";
  static final String BOB = "bob@procurement";

  /** Alice of procurement, who registers partners. */
  final HttpJson http;

  /** Bob of procurement, who can approve what Alice registered. */
  final HttpJson bob;

  PartnerClient(int port) {
    this.http = HttpJson.local(port).as(ALICE, "procurement");
    this.bob = HttpJson.local(port).as(BOB, "procurement");
  }

  String register(String name) {
    HttpResponse<String> created = http.post("/partners", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return JSON.readTree(created.body()).get("partnerId").asString();
  }

  /** Registers, qualifies for the scope and activates a partner. */
  String active(String name, String... capabilities) {
    String partnerId = register(name);
    String scope = String.join("\",\"", capabilities);
    JsonNode opened =
        ok(
            http.post(
                "/partners/" + partnerId + "/qualifications",
                "{\"capabilities\":[\"" + scope + "\"]}"),
            201);
    String qualificationId = opened.get("qualifications").get(0).get("qualificationId").asString();
    ok(
        bob.post(
            "/partners/" + partnerId + "/qualifications/" + qualificationId + "/decision",
            "{\"status\":\"QUALIFIED\",\"validFrom\":\"2026-01-01\",\"validUntil\":\"2027-12-31\"}"),
        200);
    ok(
        http.post(
            "/partners/" + partnerId + "/status",
            "{\"status\":\"ACTIVE\",\"effectiveOn\":\"2026-01-02\"}",
            Map.of()),
        200);
    return partnerId;
  }

  long partnersNamed(String name) {
    return ok(http.get("/partners?limit=1000"), 200)
        .valueStream()
        .filter(p -> p.get("name").asString().equals(name))
        .count();
  }

  JsonNode partner(String partnerId) {
    return ok(http.get("/partners/" + partnerId), 200);
  }

  static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  static List<CloudEvent<?>> published(String partnerId) {
    CloudEventCodec codec = new CloudEventCodec();
    return TopicReader.readAll(
            TestInfrastructure.shared().bootstrapServers(), Topics.PARTNER_EVENTS.name())
        .stream()
        .filter(r -> partnerId.equals(r.key()))
        .<CloudEvent<?>>map(codec::decode)
        .toList();
  }
}
