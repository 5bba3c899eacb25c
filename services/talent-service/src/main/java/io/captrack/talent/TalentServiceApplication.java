package io.captrack.talent;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * HR logs hires here; people leave the service only as personRef hashes, on {@code talent.events}.
 */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class TalentServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TalentServiceApplication.class, args);
  }
}
