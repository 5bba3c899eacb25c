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
import org.springframework.core.env.SystemEnvironmentPropertySource;

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
  private final Map<String, Map<String, Object>> perService;

  CaptrackSystem(String bootstrapServers, String mongoUri) {
    this(bootstrapServers, mongoUri, Map.of());
  }

  /**
   * The five services, each also given environment variables of its own from {@code perService} (by
   * the service's name, {@code capability-projector} say), bound as Spring binds a container's
   * environment: what a Kubernetes manifest sets, credentials towards Kafka for one.
   */
  CaptrackSystem(
      String bootstrapServers, String mongoUri, Map<String, Map<String, Object>> perService) {
    this(bootstrapServers, mongoUri, perService, Map.of());
  }

  /** As above, with {@code more} properties for every service (logging, say). */
  CaptrackSystem(
      String bootstrapServers,
      String mongoUri,
      Map<String, Map<String, Object>> perService,
      Map<String, Object> more) {
    this.perService = perService;
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
    common.putAll(more);
    projector =
        start(
            with(CapabilityProjectorApplication.application(), "capability-projector"),
            common,
            "spring.mongodb.database=read-" + run,
            "captrack.projector.group-id=projector-" + run);
    api =
        start(
            with(CapabilityApiApplication.application(), "capability-api"),
            common,
            "spring.mongodb.database=read-" + run);
    partner =
        start(
            with(PartnerServiceApplication.application(), "partner-service"),
            common,
            "spring.mongodb.database=partner-" + run);
    talent =
        start(
            with(TalentServiceApplication.application(), "talent-service"),
            common,
            "spring.mongodb.database=talent-" + run);
    learning =
        start(
            with(LearningServiceApplication.application(), "learning-service"),
            common,
            "spring.mongodb.database=learning-" + run);
  }

  private SpringApplicationBuilder with(SpringApplicationBuilder builder, String service) {
    Map<String, Object> environment = perService.getOrDefault(service, Map.of());
    if (environment.isEmpty()) {
      return builder;
    }
    // Boot maps variable names (SPRING_KAFKA_PROPERTIES_SASL_MECHANISM) to properties only in a
    // source named like the system environment
    return builder.initializers(
        context ->
            context
                .getEnvironment()
                .getPropertySources()
                .addFirst(
                    new SystemEnvironmentPropertySource(
                        service + "-systemEnvironment", environment)));
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
