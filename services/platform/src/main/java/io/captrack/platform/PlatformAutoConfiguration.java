package io.captrack.platform;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.captrack.platform.readmodel.ReadModel;
import io.captrack.platform.security.SecurityConfiguration;
import io.captrack.platform.system.OwnedTopicsConfiguration;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.platform.taxonomy.TaxonomyLoader;
import io.captrack.platform.web.WebConfiguration;
import io.captrack.schemas.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.bson.UuidRepresentation;
import org.bson.codecs.UuidCodec;
import org.bson.codecs.configuration.CodecRegistries;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.Resource;

/** What every captrack service shares: codec, taxonomy, its MongoDB database, problem details. */
@AutoConfiguration(
    afterName = "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration")
@Import({WebConfiguration.class, SecurityConfiguration.class, OwnedTopicsConfiguration.class})
public class PlatformAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CloudEventCodec cloudEventCodec() {
    return new CloudEventCodec();
  }

  @Bean
  @ConditionalOnMissingBean
  Taxonomy taxonomy(
      @Value("${captrack.taxonomy.location:classpath:seeds/taxonomy.json}") Resource location) {
    return TaxonomyLoader.load(location);
  }

  @Bean
  @ConditionalOnMissingBean
  MongoDatabase captrackDatabase(
      MongoClient client, @Value("${spring.mongodb.database}") String database) {
    return client
        .getDatabase(database)
        .withCodecRegistry(
            CodecRegistries.fromRegistries(
                CodecRegistries.fromCodecs(new UuidCodec(UuidRepresentation.STANDARD)),
                MongoClientSettings.getDefaultCodecRegistry()));
  }

  /** Which generation of the read model answers queries (projector and capability-api). */
  @Bean
  @ConditionalOnMissingBean
  ReadModel readModel(MongoDatabase captrackDatabase) {
    return new ReadModel(captrackDatabase);
  }

  @Bean
  MongoPingHealthIndicator mongoPingHealthIndicator(MongoDatabase captrackDatabase) {
    return new MongoPingHealthIndicator(captrackDatabase);
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Every metric carries {@code application} (the service's name), so one dashboard tells the
   * services apart whatever labels the scraper adds.
   */
  @Bean
  MeterRegistryCustomizer<MeterRegistry> applicationTag(
      @Value("${spring.application.name}") String name) {
    return registry -> registry.config().commonTags("application", name);
  }

  @Bean
  @ConditionalOnMissingBean
  ServiceIdentity serviceIdentity(@Value("${spring.application.name}") String name) {
    return new ServiceIdentity(name);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty("captrack.person-ref.secret")
  PersonRefs personRefs(@Value("${captrack.person-ref.secret}") String secret) {
    return new PersonRefs(secret);
  }
}
