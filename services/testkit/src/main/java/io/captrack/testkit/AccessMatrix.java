package io.captrack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what, checked against a running service: every operation of its OpenAPI document
 * must have a row naming the roles that may call it. Without a token it is a 401 problem, with a
 * token of any other role a 403 problem, and with a token of a listed role neither (nor a server
 * error). An operation without a row, or a row without an operation, fails the check.
 *
 * <p>Rows are {@code METHOD /path/{var} | role role...}; {@code open} instead of roles means
 * anyone, without a token.
 */
public final class AccessMatrix {

  /** The roles of captrack as its README lists them. */
  public static final List<String> ROLES =
      List.of("procurement", "hr", "learning", "planner", "operator", "viewer");

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static final LocalIssuer FOREIGN = foreignIssuer();

  private final Map<String, Set<String>> rows = new LinkedHashMap<>();

  private static LocalIssuer foreignIssuer() {
    try {
      Path dir = Files.createTempDirectory("captrack-foreign-issuer");
      dir.toFile().deleteOnExit();
      return LocalIssuer.inDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AccessMatrix() {}

  public static AccessMatrix of(String table) {
    AccessMatrix matrix = new AccessMatrix();
    for (String line : table.strip().split("\n")) {
      String[] parts = line.split("\\|");
      String[] operation = parts[0].trim().split("\\s+");
      String key = operation[0].toUpperCase(Locale.ROOT) + " " + operation[1];
      Set<String> roles = new TreeSet<>(List.of(parts[1].trim().split("\\s+")));
      if (matrix.rows.put(key, roles) != null) {
        throw new IllegalArgumentException("two rows for " + key);
      }
    }
    return matrix;
  }

  /** Checks every operation of the service on {@code port}; all failures in one error. */
  public void verify(int port) {
    String base = "http://127.0.0.1:" + port;
    Map<String, String> operations = operations(base);
    List<String> failures = new ArrayList<>();
    operations.keySet().stream()
        .filter(op -> !rows.containsKey(op))
        .forEach(op -> failures.add(op + ": no row says who may call it"));
    rows.keySet().stream()
        .filter(op -> !op.startsWith("GET /actuator") && !operations.containsKey(op))
        .forEach(op -> failures.add(op + ": a row, but no such operation in the API document"));
    rows.forEach(
        (op, roles) -> {
          String method = op.substring(0, op.indexOf(' '));
          String path = op.substring(op.indexOf(' ') + 1);
          String contentType = operations.getOrDefault(op, "");
          Probe probe = new Probe(base, method, path, contentType);
          if (roles.contains("open")) {
            probe.expectAllowed(null, op + " without a token", failures);
            return;
          }
          probe.expectProblem(null, 401, op + " without a token", failures);
          probe.expectProblem("not-a-jwt", 401, op + " with a malformed token", failures);
          String allowed = roles.iterator().next();
          probe.expectProblem(
              LocalIssuer.shared().token("matrix-late", Duration.ofMinutes(-5), allowed),
              401,
              op + " with an expired token",
              failures);
          probe.expectProblem(
              FOREIGN.token("matrix-forged", allowed),
              401,
              op + " with a token signed by another key",
              failures);
          for (String role : ROLES) {
            String token = LocalIssuer.shared().token("matrix-" + role, role);
            if (roles.contains(role)) {
              probe.expectAllowed(token, op + " as " + role, failures);
            } else {
              probe.expectProblem(token, 403, op + " as " + role, failures);
            }
          }
        });
    if (!failures.isEmpty()) {
      throw new AssertionError(
          failures.size() + " access rule(s) broken:\n  " + String.join("\n  ", failures));
    }
  }

  /** METHOD path -> the content type of its request body ("" when it has none). */
  private static Map<String, String> operations(String base) {
    HttpResponse<String> docs = send(HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")));
    if (docs.statusCode() != 200) {
      throw new AssertionError("GET /v3/api-docs answered " + docs.statusCode());
    }
    Map<String, String> operations = new LinkedHashMap<>();
    JsonNode paths = JSON.readTree(docs.body()).get("paths");
    for (String path : paths.propertyNames()) {
      JsonNode item = paths.get(path);
      for (String method : item.propertyNames()) {
        JsonNode content = item.get(method).path("requestBody").path("content");
        String type = content.isObject() ? content.propertyNames().iterator().next() : "";
        operations.put(method.toUpperCase(Locale.ROOT) + " " + path, type);
      }
    }
    return operations;
  }

  private record Probe(String base, String method, String path, String contentType) {

    HttpResponse<InputStream> call(String token) {
      String concrete = path.replaceAll("\\{([^}]+)}", "probe-$1");
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + concrete))
              .timeout(Duration.ofSeconds(20))
              .method(
                  method,
                  contentType.isEmpty()
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(
                          contentType.contains("json") ? "{}" : ""));
      if (!contentType.isEmpty()) {
        request.header("Content-Type", contentType);
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      try {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void expectProblem(String token, int status, String what, List<String> failures) {
      HttpResponse<InputStream> response = call(token);
      String body = drain(response);
      String type = response.headers().firstValue("Content-Type").orElse("");
      if (response.statusCode() != status) {
        failures.add(what + ": expected " + status + ", got " + response.statusCode());
      } else if (!type.startsWith("application/problem+json")) {
        failures.add(what + ": " + status + " without a problem body (" + type + ")");
      } else if (response.headers().firstValue("WWW-Authenticate").isEmpty()) {
        failures.add(what + ": " + status + " without WWW-Authenticate");
      } else if (!body.contains("\"status\":" + status)) {
        failures.add(what + ": problem body without its status: " + body);
      }
    }

    void expectAllowed(String token, String what, List<String> failures) {
      HttpResponse<InputStream> response = call(token);
      int status = response.statusCode();
      close(response);
      if (status == 401 || status == 403 || status >= 500) {
        failures.add(what + ": expected to pass the access check, got " + status);
      }
    }

    private static String drain(HttpResponse<InputStream> response) {
      try (InputStream body = response.body()) {
        return new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void close(HttpResponse<InputStream> response) {
      try {
        response.body().close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
