package io.captrack.projector.bench;

import io.captrack.testkit.LocalIssuer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

/** The harness calls the services with one token of the test issuer, holding every role it uses. */
final class BenchToken {

  /** The value of the Authorization header. */
  static final String AUTHORIZATION =
      "Bearer "
          + LocalIssuer.shared()
              .token("benchmark", Duration.ofHours(12), "operator", "viewer", "planner", "hr");

  /** The argument that makes a service trust that issuer. */
  static final String TRUST =
      "--spring.security.oauth2.resourceserver.jwt.public-key-location="
          + LocalIssuer.shared().publicKeyLocation();

  /** A GET of a service's actuator endpoint on this machine, with the token, 2 s to answer. */
  static HttpRequest actuator(int port, String endpoint) {
    return request(port, "/actuator/" + endpoint).timeout(Duration.ofSeconds(2)).build();
  }

  /** A request to a path of a service on this machine, with the token (a GET unless changed). */
  static HttpRequest.Builder request(int port, String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", AUTHORIZATION);
  }

  private BenchToken() {}
}
