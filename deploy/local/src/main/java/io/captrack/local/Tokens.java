package io.captrack.local;

import io.captrack.platform.security.Roles;
import io.captrack.testkit.LocalIssuer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One token per role for the local run, each in {@code <dir>/<role>.jwt}, valid for 12 hours; a
 * second procurement subject approves what the first registered (four eyes).
 */
final class Tokens {

  static final Duration VALID_FOR = Duration.ofHours(12);

  private Tokens() {}

  static Path write(LocalIssuer issuer, Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, String> subjects = new LinkedHashMap<>();
    for (String role :
        new String[] {
          Roles.VIEWER, Roles.PLANNER, Roles.PROCUREMENT, Roles.HR, Roles.LEARNING, Roles.OPERATOR
        }) {
      subjects.put(role, "local-" + role);
    }
    subjects.put(Roles.PROCUREMENT + "-2", "local-procurement-2");
    for (Map.Entry<String, String> entry : subjects.entrySet()) {
      String role = entry.getKey().replace("-2", "");
      Files.writeString(
          dir.resolve(entry.getKey() + ".jwt"), issuer.token(entry.getValue(), VALID_FOR, role));
    }
    return dir;
  }
}
