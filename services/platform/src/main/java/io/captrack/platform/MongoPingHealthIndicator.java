package io.captrack.platform;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * MongoDB health by {@code ping}, which every wire-protocol server answers; Boot's own indicator
 * sends {@code hello}, which the stand-in does not know, so the services switch that one off.
 */
class MongoPingHealthIndicator implements HealthIndicator {

  private final MongoDatabase database;

  MongoPingHealthIndicator(MongoDatabase database) {
    this.database = database;
  }

  @Override
  public Health health() {
    try {
      database.runCommand(new Document("ping", 1));
      return Health.up().withDetail("database", database.getName()).build();
    } catch (RuntimeException e) {
      return Health.down(e).build();
    }
  }
}
