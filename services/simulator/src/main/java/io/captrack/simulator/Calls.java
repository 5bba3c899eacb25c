package io.captrack.simulator;

import io.captrack.testkit.HttpJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The simulation's HTTP calls, each as the role the endpoint asks for. Counts them, keeps every
 * refusal (the history should have none), and merges the positions of every write so that the end
 * can wait for the read model to hold all of it.
 */
final class Calls {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Endpoints endpoints;
  private final BiFunction<String, String, String> tokens;
  private final Map<String, Long> positions = new TreeMap<>();
  private final List<String> refusals = new ArrayList<>();
  private int count;

  Calls(Endpoints endpoints, BiFunction<String, String, String> tokens) {
    this.endpoints = endpoints;
    this.tokens = tokens;
  }

  /** The services' addresses. */
  record Endpoints(String partner, String talent, String learning, String api) {

    static Endpoints local() {
      return new Endpoints(
          "http://127.0.0.1:8081",
          "http://127.0.0.1:8082",
          "http://127.0.0.1:8083",
          "http://127.0.0.1:8080");
    }
  }

  HttpJson as(String base, String role, String subject) {
    return new HttpJson(base).withToken(tokens.apply(role, subject));
  }

  HttpJson partners(String subject) {
    return as(endpoints.partner(), "procurement", subject);
  }

  HttpJson talent() {
    return as(endpoints.talent(), "hr", "simulated-hr");
  }

  HttpJson learning() {
    return as(endpoints.learning(), "learning", "simulated-learning");
  }

  HttpJson planner() {
    return as(endpoints.api(), "planner", "simulated-planner");
  }

  HttpJson viewer() {
    return as(endpoints.api(), "viewer", "simulated-viewer");
  }

  /** A write; its answer when it succeeded, null (and a refusal kept) when not. */
  JsonNode write(HttpJson service, String method, String path, String json) {
    count++;
    HttpResponse<String> response = service.send(method, path, "application/json", json, Map.of());
    if (response.statusCode() / 100 != 2) {
      refusals.add(method + " " + path + " -> " + response.statusCode() + " " + response.body());
      return null;
    }
    response.headers().firstValue("Captrack-Position").ifPresent(this::remember);
    String location = response.headers().firstValue("Location").orElse("");
    JsonNode body =
        response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    if (body.isObject() && !location.isEmpty()) {
      ((ObjectNode) body).put("_location", location.substring(location.lastIndexOf('/') + 1));
    }
    return body;
  }

  JsonNode post(HttpJson service, String path, String json) {
    return write(service, "POST", path, json);
  }

  JsonNode read(HttpJson service, String path) {
    count++;
    HttpResponse<String> response = service.get(path);
    if (response.statusCode() != 200) {
      refusals.add("GET " + path + " -> " + response.statusCode() + " " + response.body());
      return JSON.createArrayNode();
    }
    return JSON.readTree(response.body());
  }

  private void remember(String token) {
    String text =
        new String(
            Base64.getUrlDecoder().decode(token.substring("v1.".length())), StandardCharsets.UTF_8);
    for (String pair : text.split(",")) {
      int last = pair.lastIndexOf(':');
      positions.merge(pair.substring(0, last), Long.parseLong(pair.substring(last + 1)), Math::max);
    }
  }

  /** One token for every position written so far (null when nothing was written). */
  String allWritten() {
    if (positions.isEmpty()) {
      return null;
    }
    List<String> pairs = new ArrayList<>();
    positions.forEach((partition, offset) -> pairs.add(partition + ":" + offset));
    return "v1."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(String.join(",", pairs).getBytes(StandardCharsets.UTF_8));
  }

  int count() {
    return count;
  }

  List<String> refusals() {
    return List.copyOf(refusals);
  }
}
