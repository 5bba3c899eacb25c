package io.captrack.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A few lines of real HTTP for tests: JSON in, status and body out. */
public final class HttpJson {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String token;

  public HttpJson(String base) {
    this(base, null);
  }

  private HttpJson(String base, String token) {
    this.base = base;
    this.token = token;
  }

  /** The same service, called with this bearer token. */
  public HttpJson withToken(String token) {
    return new HttpJson(base, token);
  }

  /**
   * The same service, called as {@code subject} holding {@code roles} (the test issuer's token).
   */
  public HttpJson as(String subject, String... roles) {
    return withToken(LocalIssuer.shared().token(subject, roles));
  }

  public static HttpJson local(int port) {
    return new HttpJson("http://127.0.0.1:" + port);
  }

  public HttpResponse<String> post(String path, String json) {
    return post(path, json, Map.of());
  }

  /** A POST with extra headers, such as If-Match or Idempotency-Key. */
  public HttpResponse<String> post(String path, String json, Map<String, String> headers) {
    return send("POST", path, "application/json", json, headers);
  }

  public HttpResponse<String> put(String path, String json, Map<String, String> headers) {
    return send("PUT", path, "application/json", json, headers);
  }

  /** Any method, any content type. */
  public HttpResponse<String> send(
      String method, String path, String contentType, String body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .method(method, HttpRequest.BodyPublishers.ofString(body));
    authorize(request, headers);
    headers.forEach(request::header);
    return send(request.build());
  }

  public HttpResponse<String> get(String path) {
    return get(path, Map.of());
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    authorize(request, headers);
    headers.forEach(request::header);
    return send(request.build());
  }

  /** The Authorization header this client sends, unless the call brings its own. */
  public Map<String, String> authorization() {
    return token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
  }

  private void authorize(HttpRequest.Builder request, Map<String, String> headers) {
    if (headers.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
      authorization().forEach(request::header);
    }
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
