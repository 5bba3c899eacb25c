package io.captrack.local;

/** What the local run prints once everything is up. */
final class Banner {

  private Banner() {}

  static String text(String partnerId, String logs, String tokens, String viewerToken) {
    return """

        captrack is running (on 127.0.0.1 only).

        Dashboard (signs in as a viewer; the token stays in that browser tab):

          http://127.0.0.1:8080/#token=%4$s

          capability-api        http://127.0.0.1:8080/capabilities
          live changes (SSE)    http://127.0.0.1:8080/capabilities/changes
          partner-service       http://127.0.0.1:8081/partners
          talent-service        http://127.0.0.1:8082/hires
          learning-service      http://127.0.0.1:8083/completions
          logs                  %1$s
          tokens (12 h)         %2$s/<role>.jwt for viewer, planner, procurement, hr, learning,
                                operator (and procurement-2, a second buyer for four eyes)

        Every call needs a token of the right role, for example:

          VIEWER="Authorization: Bearer $(cat %2$s/viewer.jwt)"
          BUYER="Authorization: Bearer $(cat %2$s/procurement.jwt)"

        Post an agreement with the demo partner:

          curl -s -X POST http://127.0.0.1:8081/partners/%3$s/agreements -H "$BUYER" \\
            -H 'Content-Type: application/json' \\
            -d '{"capabilities":["exp.ux_designer"],"capacityFte":2.5,"effectiveFrom":"2026-01-01","noticeDays":30}'

        Then see the coverage change:

          curl -s -H "$VIEWER" http://127.0.0.1:8080/capabilities/exp.ux_designer

        Watch changes live:  curl -N -H "$VIEWER" http://127.0.0.1:8080/capabilities/changes
        Ctrl-C stops everything.
        """
        .formatted(logs, tokens, partnerId, viewerToken);
  }
}
