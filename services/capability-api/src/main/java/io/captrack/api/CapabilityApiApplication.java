package io.captrack.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Serves the read model: coverage queries and a live stream of capability changes. */
@SpringBootApplication
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
