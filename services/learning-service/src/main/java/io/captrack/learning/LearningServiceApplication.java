package io.captrack.learning;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** L&D logs training here; events go to {@code learning.events}. */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class LearningServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(LearningServiceApplication.class, args);
  }
}
