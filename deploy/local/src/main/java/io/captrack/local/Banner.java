package io.captrack.local;

/** What the local run prints once everything is up. */
final class Banner {

  private Banner() {}

  static String text(String partnerId, String logs) {
    return """

        captrack is running.
          capability-api        http://127.0.0.1:8080/capabilities
          live changes (SSE)    http://127.0.0.1:8080/capabilities/changes
          partner-service       http://127.0.0.1:8081/partners
          talent-service        http://127.0.0.1:8082/hires
          learning-service      http://127.0.0.1:8083/completions
          logs                  %s

        Post an agreement with the demo partner:

          curl -s -X POST http://127.0.0.1:8081/partners/%s/agreements \\
            -H 'Content-Type: application/json' \\
            -d '{"capabilities":["exp.ux_designer"],"capacityFte":2.5,"effectiveFrom":"2026-01-01","noticeDays":30}'

        Then see the coverage change:

          curl -s http://127.0.0.1:8080/capabilities/exp.ux_designer

        Watch changes live:  curl -N http://127.0.0.1:8080/capabilities/changes
        Ctrl-C stops everything.
        """
        .formatted(logs, partnerId);
  }
}
