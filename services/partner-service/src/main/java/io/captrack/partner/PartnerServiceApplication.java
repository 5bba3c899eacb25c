package io.captrack.partner;

import io.captrack.platform.outbox.OutboxConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;

/** Procurement logs partners and their agreements here; events go to {@code partner.events}. */
@SpringBootApplication
@Import(OutboxConfiguration.class)
public class PartnerServiceApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /**
   * The application with its own configuration file, {@code partner-service.yaml}, so it can share
   * a JVM.
   */
  public static SpringApplicationBuilder application() {
    return new SpringApplicationBuilder(PartnerServiceApplication.class)
        .properties("spring.config.name=partner-service");
  }
}
