package io.captrack.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Registers a demo partner, once, so that the printed curl has a partner to sign with. */
final class DemoData {

  private static final Pattern PARTNER_ID =
      Pattern.compile("\"(?:partnerId|existingPartnerId)\"\\s*:\\s*\"([^\"]+)\"");

  private DemoData() {}

  static String registerPartner(int partnerServicePort) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + partnerServicePort + "/partners"))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"name\":\"Demo Digital Agency\",\"erpSupplierNumber\":\"SUP-DEMO\"}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      Matcher m = PARTNER_ID.matcher(response.body());
      // 409 on a later run: the demo partner exists already, and the problem names it
      if ((response.statusCode() != 201 && response.statusCode() != 409) || !m.find()) {
        throw new IllegalStateException("registering the demo partner failed: " + response.body());
      }
      return m.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("partner-service did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
