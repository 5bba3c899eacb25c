package io.captrack.talent;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/**
 * HR logs hires here; people leave the service only as personRef hashes, on {@code talent.events}.
 */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class TalentServiceApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its own configuration file, {@code talent-service.yaml}, so it can share a
   * JVM.
   */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(TalentServiceApplication.class)
        .properties("spring.config.name=talent-service");
  }
}
