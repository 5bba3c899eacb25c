package io.captrack.projector;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * Consumes partner, talent and learning events into the MongoDB read model and publishes capability
 * changes to {@code capability.changes}.
 */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class CapabilityProjectorApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its own configuration file, {@code capability-projector.yaml}, so it can
   * share a JVM.
   */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(CapabilityProjectorApplication.class)
        .properties("spring.config.name=capability-projector");
  }
}
