package io.captrack.api;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * Serves the read model (coverage queries, a live stream of capability changes) and takes planners'
 * commands, published to {@code planning.events} through an outbox.
 */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class CapabilityApiApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its own configuration file, {@code capability-api.yaml}, so it can share a
   * JVM.
   */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(CapabilityApiApplication.class)
        .properties("spring.config.name=capability-api");
  }
}
