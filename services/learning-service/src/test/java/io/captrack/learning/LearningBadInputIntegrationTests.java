package io.captrack.learning;

import static io.captrack.learning.Learning.events;
import static io.captrack.learning.Learning.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoDatabase;
import io.captrack.testkit.HttpJson;
import io.captrack.testkit.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The bad-input corpus of learning-service: 4xx problems, nothing stored, nothing published. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=learning-service",
      "captrack.person-ref.secret=" + Learning.SECRET
    })
class LearningBadInputIntegrationTests {

  @LocalServerPort int port;
  @Autowired MongoDatabase database;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.shared().register(registry, "learning-bad-it");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\'',
      textBlock =
          """
          malformed JSON            | POST | /completions | {"hrId":                                   | 400 | unreadable-body
          score over 100            | POST | /completions | {"hrId":"HR-1","courseId":"c-std","success":true,"score":101,"completedOn":"2026-01-01"} | 400 | invalid-request
          date not a date           | POST | /completions | {"hrId":"HR-1","courseId":"c-std","success":true,"completedOn":"2026-13-01"} | 400 | unreadable-body
          success of the wrong type | POST | /completions | {"hrId":"HR-1","courseId":"c-std","success":{"yes":1},"completedOn":"2026-01-01"} | 400 | unreadable-body
          unknown capability        | POST | /completions | {"hrId":"HR-1","courseId":"c-x","capabilityId":"x.y","success":true,"completedOn":"2026-01-01"} | 422 | unknown-capability
          level without a pass      | POST | /completions | {"hrId":"HR-1","courseId":"c-x","capabilityId":"data.ml","success":false,"levelAwarded":2,"completedOn":"2026-01-01"} | 422 | level-without-success
          unmapped course           | POST | /completions | {"hrId":"HR-1","courseId":"c-unmapped","success":true,"completedOn":"2026-01-01"} | 422 | unknown-course
          another learner's enrolment | POST | /completions | {"enrolmentId":"{e}","hrId":"HR-2","courseId":"c-std","success":true,"completedOn":"2026-03-01"} | 409 | enrolment-mismatch
          enrol in an unmapped course | POST | /enrolments | {"hrId":"HR-1","courseId":"c-unmapped"}   | 422 | unknown-course
          finish before enrolling   | POST | /enrolments  | {"hrId":"HR-1","courseId":"c-std","enrolledOn":"2026-03-01","expectedCompletion":"2026-02-01"} | 422 | invalid-period
          duplicate enrolment id    | POST | /enrolments  | {"enrolmentId":"{e}","hrId":"HR-1","courseId":"c-std"} | 409 | duplicate-enrolment
          nothing to void           | POST | /enrolments/{e}/void | {"reason":"oops"}                   | 409 | nothing-to-void
          credential level zero     | POST | /credentials | {"hrId":"HR-1","capabilityId":"data.ml","level":0,"name":"X","issuedOn":"2026-01-01"} | 400 | invalid-request
          credential expires first  | POST | /credentials | {"hrId":"HR-1","capabilityId":"data.ml","level":3,"name":"X","issuedOn":"2026-05-01","validUntil":"2026-04-01"} | 422 | invalid-period
          credential unknown capability | POST | /credentials | {"hrId":"HR-1","capabilityId":"data.nope","level":3,"name":"X","issuedOn":"2026-05-01"} | 422 | unknown-capability
          duplicate credential id   | POST | /credentials | {"credentialId":"{c}","hrId":"HR-1","capabilityId":"data.ml","level":3,"name":"X","issuedOn":"2026-05-01"} | 409 | duplicate-credential
          renew an unknown credential | POST | /credentials/cr-nope/renewal | {"validUntil":"2030-01-01"}   | 404 | not-found
          revoke before issue       | POST | /credentials/{c}/revocation | {"revokedOn":"2020-01-01"}       | 422 | invalid-period
          course for an unknown capability | PUT | /courses/c-new | {"title":"T","capabilityId":"data.nope","levelAwarded":3} | 422 | unknown-capability
          course level out of scale | PUT  | /courses/c-new | {"title":"T","capabilityId":"data.ml","levelAwarded":9} | 400 | invalid-request
          a statement that is text  | POST | /xapi/statements | "hello"                                 | 400 | invalid-statement
          oversized body            | POST | /completions | {"hrId":"HR-1","pad":"{big}"}                | 413 | body-too-large
          """)
  void badInputGetsAProblemAndChangesNothing(
      String name, String method, String path, String body, int status, String type) {
    HttpJson http = HttpJson.local(port).as("leo@learning", "learning");
    ok(
        http.put(
            "/courses/c-std",
            "{\"title\":\"Std\",\"capabilityId\":\"data.ml\",\"levelAwarded\":3}",
            Map.of()),
        200);
    String enrolment = "e-" + UUID.randomUUID();
    String credential = "cr-" + UUID.randomUUID();
    ok(
        http.post(
            "/enrolments",
            "{\"enrolmentId\":\""
                + enrolment
                + "\",\"hrId\":\"HR-1\",\"courseId\":\"c-std\",\"enrolledOn\":\"2026-02-01\"}"),
        201);
    ok(
        http.post(
            "/credentials",
            "{\"credentialId\":\""
                + credential
                + "\",\"hrId\":\"HR-1\",\"capabilityId\":\"data.ml\",\"level\":3,\"name\":\"X\",\"issuedOn\":\"2026-01-01\",\"validUntil\":\"2027-01-01\"}"),
        201);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(enrolment).size() == 1 && events(credential).size() == 1);
    long enrolments = database.getCollection("enrolments").countDocuments();
    long credentials = database.getCollection("credentials").countDocuments();
    long courses = database.getCollection("courses").countDocuments();

    HttpResponse<String> response =
        http.send(
            method,
            path.replace("{e}", enrolment).replace("{c}", credential),
            "application/json",
            body.replace("{e}", enrolment)
                .replace("{c}", credential)
                .replace("{big}", "x".repeat(70_000)),
            Map.of());

    JsonNode problem = ok(response, status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(problem.get("type").asString()).isEqualTo("https://captrack.io/problems/" + type);
    assertThat(database.getCollection("enrolments").countDocuments()).isEqualTo(enrolments);
    assertThat(database.getCollection("credentials").countDocuments()).isEqualTo(credentials);
    assertThat(database.getCollection("courses").countDocuments()).isEqualTo(courses);
    for (String id : new String[] {enrolment, credential}) {
      Document stored =
          database
              .getCollection(id.startsWith("e-") ? "enrolments" : "credentials")
              .find(new Document("_id", id))
              .first();
      assertThat(stored.get("version", Number.class).longValue()).isEqualTo(1);
      assertThat(stored.getList("outbox", Document.class, List.of()))
          .as("events waiting")
          .isEmpty();
      assertThat(events(id)).hasSize(1);
    }
  }
}
