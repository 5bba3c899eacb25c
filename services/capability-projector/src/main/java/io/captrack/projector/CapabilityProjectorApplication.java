package io.captrack.projector;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * Consumes partner, talent and learning events into the MongoDB read model and publishes capability
 * changes to {@code capability.changes}.
 */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class CapabilityProjectorApplication {

  public static void main(String[] args) {
    SpringApplication.run(CapabilityProjectorApplication.class, args);
  }
}
