package io.captrack.learning.xapi;

import io.captrack.platform.web.CommandRejectedException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Receives xAPI statements forwarded by a learning record store: one statement or an array. */
@RestController
class XapiController {

  private static final int MAX_STATEMENTS = 500;

  private final XapiStatements statements;

  XapiController(XapiStatements statements) {
    this.statements = statements;
  }

  @PostMapping("/xapi/statements")
  List<XapiStatements.Outcome> receive(@RequestBody JsonNode body) {
    List<JsonNode> received = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(received::add);
    } else if (body.isObject()) {
      received.add(body);
    } else {
      throw new CommandRejectedException(
          HttpStatus.BAD_REQUEST,
          "invalid-statement",
          "send one xAPI statement or an array of them");
    }
    if (received.size() > MAX_STATEMENTS) {
      throw new CommandRejectedException(
          HttpStatus.CONTENT_TOO_LARGE,
          "too-many-statements",
          "at most " + MAX_STATEMENTS + " statements per request");
    }
    return received.stream().map(statements::process).toList();
  }
}
