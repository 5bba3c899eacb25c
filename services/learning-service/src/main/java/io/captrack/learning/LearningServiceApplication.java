package io.captrack.learning;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** L&D logs training here; events go to {@code learning.events}. */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class LearningServiceApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its own configuration file, {@code learning-service.yaml}, so it can share
   * a JVM.
   */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(LearningServiceApplication.class)
        .properties("spring.config.name=learning-service");
  }
}
