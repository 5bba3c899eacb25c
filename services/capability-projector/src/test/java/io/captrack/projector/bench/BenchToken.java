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
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + endpoint))
        .header("Authorization", AUTHORIZATION)
        .timeout(Duration.ofSeconds(2))
        .build();
  }

  private BenchToken() {}
}
