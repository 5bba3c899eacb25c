package io.captrack.local;

import io.captrack.platform.security.Roles;
import io.captrack.testkit.LocalIssuer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prepares a demo partner, once: registered, qualified for the UX capabilities by a second person
 * and ACTIVE, so that the printed curl's agreement lends capacity at once.
 */
final class DemoData {

  private static final Pattern PARTNER_ID =
      Pattern.compile("\"(?:partnerId|existingPartnerId)\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern QUALIFICATION_ID =
      Pattern.compile("\"qualificationId\"\\s*:\\s*\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final LocalIssuer issuer;

  private DemoData(int partnerServicePort, LocalIssuer issuer) {
    this.base = "http://127.0.0.1:" + partnerServicePort;
    this.issuer = issuer;
  }

  static String preparePartner(int partnerServicePort, LocalIssuer issuer) {
    return new DemoData(partnerServicePort, issuer).prepare();
  }

  private String prepare() {
    HttpResponse<String> registered =
        post(
            "/partners",
            "{\"name\":\"Demo Digital Agency\",\"erpSupplierNumber\":\"SUP-DEMO\"}",
            "captrack-local-run");
    // 409 on a later run: the demo partner exists already, and the problem names it
    String partnerId = find(PARTNER_ID, registered, 201, 409);
    if (get("/partners/" + partnerId).contains("\"status\":\"ACTIVE\"")) {
      return partnerId;
    }
    String start = LocalDate.now().minusYears(1).withDayOfYear(1).toString();
    HttpResponse<String> opened =
        post(
            "/partners/" + partnerId + "/qualifications",
            "{\"capabilities\":[\"exp.ux_designer\",\"exp.frontend_dev\"],\"startedOn\":\""
                + start
                + "\"}",
            "captrack-local-run");
    String qualificationId = find(QUALIFICATION_ID, opened, 201);
    check(
        post(
            "/partners/" + partnerId + "/qualifications/" + qualificationId + "/decision",
            "{\"status\":\"QUALIFIED\",\"validFrom\":\""
                + start
                + "\",\"validUntil\":\""
                + LocalDate.now().plusYears(2)
                + "\"}",
            "demo-approver"),
        200);
    check(
        post(
            "/partners/" + partnerId + "/status",
            "{\"status\":\"ACTIVE\",\"effectiveOn\":\"" + start + "\"}",
            "captrack-local-run"),
        200);
    return partnerId;
  }

  private static String find(Pattern pattern, HttpResponse<String> response, int... accepted) {
    check(response, accepted);
    Matcher m = pattern.matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("unexpected answer from partner-service: " + response.body());
    }
    return m.group(1);
  }

  private static void check(HttpResponse<String> response, int... accepted) {
    for (int status : accepted) {
      if (response.statusCode() == status) {
        return;
      }
    }
    throw new IllegalStateException("preparing the demo partner failed: " + response.body());
  }

  private HttpResponse<String> post(String path, String json, String actor) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + issuer.token(actor, Roles.PROCUREMENT))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  private String get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Authorization", "Bearer " + issuer.token("captrack-local-run", Roles.VIEWER))
            .GET()
            .build())
        .body();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("partner-service did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
