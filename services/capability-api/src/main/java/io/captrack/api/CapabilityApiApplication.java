package io.captrack.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Serves the read model: coverage queries and a live stream of capability changes. */
@SpringBootApplication
public class CapabilityApiApplication {

  public static void main(String[] args) {
    SpringApplication.run(CapabilityApiApplication.class, args);
  }
}
