package io.captrack.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.captrack.platform.taxonomy.Taxonomy;
import io.captrack.projector.coverage.CoverageStore;
import io.captrack.projector.timeline.CompanyHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import io.captrack.testkit.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * README's size bounds, after a simulated 10-year history of a 5,000-person company with 200
 * partners (about 150,000 events, each recorded up to 30 days after it took effect) projected
 * through Kafka: the largest document of every collection stays within the bound README states, and
 * month documents only hold days of their month. Prints each collection's count and largest
 * document. Runs in a JVM of its own (failsafe), with a broker of its own.
 */
class CoverageSizeIT {

  private static final int PEOPLE = Integer.getInteger("captrack.size.people", 5000);
  private static final int PARTNERS = 200;
  private static final LocalDate FROM = LocalDate.of(2016, 12, 1);
  private static final LocalDate TO = LocalDate.of(2026, 11, 30);

  /** README's bounds for this company, in bytes of BSON. */
  private static final Map<String, Integer> BOUNDS =
      Map.of(
          CoverageStore.COVERAGE, 32 * 1024,
          CoverageStore.MONTHS, 64 * 1024,
          CoverageStore.PEOPLE, 16 * 1024,
          CoverageStore.PERSON_EVENTS, 64 * 1024,
          CoverageStore.PARTNERS, 64 * 1024,
          CoverageStore.PARTNER_EVENTS, 64 * 1024,
          CoverageStore.EXPIRIES, 4 * 1024,
          CoverageStore.SHARDS, 256 * 1024);

  @Test
  void tenYearsOfA5000PersonCompanyStayWithinTheStatedDocumentSizes() throws Exception {
    TestInfrastructure infra = TestInfrastructure.shared();
    try (Admin admin = ProjectorFixtures.admin();
        MongoClient mongo = MongoClients.create(infra.mongoUri());
        ConfigurableApplicationContext app = projector(infra)) {
      List<String> capabilities =
          app.getBean(Taxonomy.class).capabilities().stream()
              .filter(c -> !c.area().equals("test"))
              .map(Taxonomy.Capability::id)
              .toList();
      Random lags = new Random(7);
      CompanyHistory company =
          new CompanyHistory(2016, capabilities, "size-", FROM, TO, () -> lags.nextInt(31));
      List<CloudEvent<?>> events = new ArrayList<>();
      for (int i = 0; i < PEOPLE; i++) {
        events.addAll(company.person(ProjectorLoad.personRef("size-person-" + i)));
      }
      for (int i = 0; i < PARTNERS; i++) {
        events.addAll(company.partner("size-partner-" + i));
      }
      events.sort(Comparator.comparing(CloudEvent::recordedAt));
      long started = System.nanoTime();
      send(infra.bootstrapServers(), events);

      await()
          .atMost(Duration.ofMinutes(8))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                long[] progress = ProjectorLoad.progress(admin, "size");
                return progress[1] >= events.size() && progress[0] == progress[1];
              });

      long projectedMs = (System.nanoTime() - started) / 1_000_000;
      MongoDatabase database = mongo.getDatabase("size");
      Map<String, long[]> sizes = new LinkedHashMap<>();
      for (String collection : CoverageStore.COLLECTIONS) {
        long count = 0;
        long largest = 0;
        for (RawBsonDocument d :
            database.getCollection(collection, RawBsonDocument.class).find().batchSize(200)) {
          count++;
          largest = Math.max(largest, d.getByteBuffer().remaining());
        }
        sizes.put(collection, new long[] {count, largest});
      }
      System.out.printf(
          "%,d events of %,d people and %d partners, sent and projected in %,d ms%n",
          events.size(), PEOPLE, PARTNERS, projectedMs);
      sizes.forEach(
          (c, s) ->
              System.out.printf("%-16s %,10d documents, largest %,9d bytes%n", c, s[0], s[1]));
      assertThat(
              app.getBean(MeterRegistry.class).find("captrack.projector.dead.letters").counters())
          .as("no event dead-lettered")
          .allMatch(c -> c.count() == 0);
      assertThat(database.getCollection(CoverageStore.PEOPLE).countDocuments()).isEqualTo(PEOPLE);
      assertThat(database.getCollection(CoverageStore.PARTNERS).countDocuments())
          .isEqualTo(PARTNERS);
      sizes.forEach(
          (collection, s) -> {
            if (BOUNDS.containsKey(collection)) {
              assertThat(s[1])
                  .as("largest document of %s", collection)
                  .isLessThanOrEqualTo(BOUNDS.get(collection));
            }
          });
      assertThat(sizes.get(CoverageStore.OWNERS)[0])
          .as("no event's owner written: a void joins the person it is keyed by")
          .isZero();
      assertThat(sizes.get(CoverageStore.MONTHS)[0])
          .as("month documents: at most one per capability and month (10 years, expiries ahead)")
          .isLessThanOrEqualTo((long) capabilities.size() * 12 * 15);
      // what a month document's fields count, by kind: the server copies each on every update
      Map<String, Long> kinds = new TreeMap<>();
      long monthDocuments = 0;
      long mostFields = 0;
      for (Document month : database.getCollection(CoverageStore.MONTHS).find()) {
        monthDocuments++;
        long own = 0;
        for (Map.Entry<String, Object> field : month.entrySet()) {
          long n = field.getValue() instanceof Document d ? d.size() : 1;
          kinds.merge(fieldKind(field.getKey()), n, Long::sum);
          own += n;
        }
        mostFields = Math.max(mostFields, own);
        // README: <dd>|<counter> fields of the document itself, a day of the document's month
        YearMonth m = YearMonth.parse(month.getString("month"));
        Set<Integer> days = new TreeSet<>();
        month.keySet().stream()
            .filter(k -> k.matches("\\d\\d\\|.+"))
            .forEach(k -> days.add(m.atDay(Integer.parseInt(k.substring(0, 2))).getDayOfMonth()));
        assertThat(days).as("days of %s", month.get("_id")).isNotEmpty();
        assertThat(days).hasSizeLessThanOrEqualTo(m.lengthOfMonth());
        assertThat(month.get("days")).as("no day in the earliest layout").isNull();
        assertThat(month.get("d")).as("no day in the earlier layout").isNull();
      }
      long fields = kinds.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(
          "month documents: %,d fields each on average, %,d at most; by kind: %s%n",
          fields / Math.max(1, monthDocuments),
          mostFields,
          kinds.entrySet().stream()
              .map(e -> String.format("%s %d%%", e.getKey(), 100 * e.getValue() / fields))
              .toList());
    }
  }

  /** A month document's field by what it counts: a day's counter by its family, or the rest. */
  private static String fieldKind(String field) {
    String counter;
    if (field.matches("\\d\\d\\|.+")) {
      counter = field.substring(3);
    } else if (field.equals("net")) {
      return "net.<counter>";
    } else {
      return "other";
    }
    if (counter.startsWith("ttc:")) {
      return "day ttc:*";
    }
    if (counter.startsWith("fte:")) {
      return "day fte:<partner>";
    }
    return "day " + (counter.matches("L\\d+") ? "L<n>" : counter);
  }

  private static void send(String bootstrap, List<CloudEvent<?>> events) {
    CloudEventCodec codec = new CloudEventCodec();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.BATCH_SIZE_CONFIG,
                256 * 1024),
            new StringSerializer(),
            new ByteArraySerializer())) {
      events.forEach(e -> producer.send(codec.toRecord(e)));
      producer.flush();
    }
  }

  private static ConfigurableApplicationContext projector(TestInfrastructure infra) {
    List<String> args = new ArrayList<>();
    infra.springProperties("size").forEach((k, v) -> args.add("--" + k + "=" + v));
    args.add("--captrack.projector.group-id=size");
    args.add("--captrack.projector.max-poll-records=2000");
    args.add("--server.port=0");
    args.add("--logging.level.root=WARN");
    return CapabilityProjectorApplication.application().run(args.toArray(String[]::new));
  }
}
