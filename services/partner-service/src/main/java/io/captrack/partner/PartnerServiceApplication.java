package io.captrack.partner;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/** Procurement logs partners and their agreements here; events go to {@code partner.events}. */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class PartnerServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(PartnerServiceApplication.class, args);
  }
}
