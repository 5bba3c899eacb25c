package io.captrack.system;

import io.captrack.api.CapabilityApiApplication;
import io.captrack.learning.LearningServiceApplication;
import io.captrack.partner.PartnerServiceApplication;
import io.captrack.projector.CapabilityProjectorApplication;
import io.captrack.talent.TalentServiceApplication;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.LocalIssuer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * All five services, each its own Spring application on its own port, against one infrastructure.
 */
final class CaptrackSystem implements AutoCloseable {

  static final String PERSON_REF_SECRET = "system-test-secret-0123456789";

  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
  final ConfigurableApplicationContext partner;
  final ConfigurableApplicationContext talent;
  final ConfigurableApplicationContext learning;
  final ConfigurableApplicationContext projector;
  final ConfigurableApplicationContext api;

  CaptrackSystem(String bootstrapServers, String mongoUri) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> common = new HashMap<>();
    common.put("spring.kafka.bootstrap-servers", bootstrapServers);
    common.put("spring.mongodb.uri", mongoUri);
    common.put("server.port", "0");
    common.put("captrack.person-ref.secret", PERSON_REF_SECRET);
    common.put("captrack.outbox.poll-interval", "200ms");
    common.put("captrack.outbox.max-backoff", "1s");
    common.put("captrack.api.after-wait", "2s");
    // commands while Kafka is away answer after this, without a position
    common.put("captrack.web.position-wait", "300ms");
    common.put(
        "spring.security.oauth2.resourceserver.jwt.public-key-location",
        LocalIssuer.shared().publicKeyLocation());
    projector =
        start(
            CapabilityProjectorApplication.application(),
            common,
            "spring.mongodb.database=read-" + run,
            "captrack.projector.group-id=projector-" + run);
    api =
        start(
            CapabilityApiApplication.application(), common, "spring.mongodb.database=read-" + run);
    partner =
        start(
            PartnerServiceApplication.application(),
            common,
            "spring.mongodb.database=partner-" + run);
    talent =
        start(
            TalentServiceApplication.application(),
            common,
            "spring.mongodb.database=talent-" + run);
    learning =
        start(
            LearningServiceApplication.application(),
            common,
            "spring.mongodb.database=learning-" + run);
  }

  private ConfigurableApplicationContext start(
      SpringApplicationBuilder builder, Map<String, Object> common, String... more) {
    List<String> args = new ArrayList<>();
    common.forEach((k, v) -> args.add("--" + k + "=" + v));
    for (String m : more) {
      args.add("--" + m);
    }
    ConfigurableApplicationContext context = builder.run(args.toArray(String[]::new));
    contexts.add(context);
    return context;
  }

  /** Qualifies a partner (registered by "alice", approved by "bob") and makes it ACTIVE. */
  static void activate(HttpJson partners, String partnerId, String capability) {
    var opened =
        partners.post(
            "/partners/" + partnerId + "/qualifications",
            "{\"capabilities\":[\"" + capability + "\"],\"startedOn\":\"2025-12-01\"}");
    String qualificationId =
        io.captrack.schemas.CloudEventCodec.defaultMapper()
            .readTree(opened.body())
            .get("qualifications")
            .get(0)
            .get("qualificationId")
            .asString();
    expect(
        partners
            .as("bob", "procurement")
            .post(
                "/partners/" + partnerId + "/qualifications/" + qualificationId + "/decision",
                "{\"status\":\"QUALIFIED\",\"validFrom\":\"2025-12-01\",\"validUntil\":\"2030-12-31\"}"),
        200);
    expect(
        partners.post(
            "/partners/" + partnerId + "/status",
            "{\"status\":\"ACTIVE\",\"effectiveOn\":\"2025-12-01\"}"),
        200);
  }

  private static void expect(java.net.http.HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "expected " + status + " but got " + response.statusCode() + ": " + response.body());
    }
  }

  static HttpJson http(ConfigurableApplicationContext context) {
    return HttpJson.local(port(context));
  }

  static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Override
  public void close() {
    for (int i = contexts.size() - 1; i >= 0; i--) {
      contexts.get(i).close();
    }
  }
}
