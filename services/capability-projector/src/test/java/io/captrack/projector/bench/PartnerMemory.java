package io.captrack.projector.bench;

import io.captrack.projector.timeline.CompanyHistory;
import io.captrack.projector.timeline.PartnerHistory;
import io.captrack.schemas.CloudEvent;
import io.captrack.schemas.CloudEventCodec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the projector's memory of partners takes ({@link PartnerHistory#compact()}, as the history
 * cache keeps them between batches), per event: the benchmark's 2,000 partners over ten years,
 * their events once as generated in this JVM (strings shared between events) and once as the
 * projector has them, decoded from the records the services send (each event with strings of its
 * own). Prints the figures; a program of the test sources, run as the benchmark README says
 * ("Figures: runs 43 and 44").
 */
public final class PartnerMemory {

  private static final int PARTNERS = 2000;

  private PartnerMemory() {}

  public static void main(String[] args) {
    Random lags = new Random(7);
    CompanyHistory company =
        new CompanyHistory(
            2016,
            List.of("ux.research", "data.engineering", "devops.platform", "ecommerce.ops"),
            "memory-",
            LocalDate.of(2016, 12, 1),
            LocalDate.of(2026, 11, 30),
            () -> lags.nextInt(31));
    long start = used();
    List<List<CloudEvent<?>>> generated = new ArrayList<>();
    long events = 0;
    for (int i = 0; i < PARTNERS; i++) {
      generated.add(company.partner("memory-partner-" + i));
      events += generated.get(i).size();
    }
    long eventsAlone = used() - start;

    long before = used();
    List<PartnerHistory> overGenerated = keep(generated, null);
    long histories = used() - before;
    overGenerated.clear();

    CloudEventCodec codec = new CloudEventCodec();
    List<PartnerHistory> decoded = keep(generated, codec);
    generated.clear();
    long decodedKept = used() - start;

    System.out.printf(
        "%,d partner events of %,d partners%n"
            + "generated events alone: %,d bytes, %.0f an event%n"
            + "their histories, beyond the events: %,d bytes, %.0f an event%n"
            + "kept as decoded from records: %,d bytes, %.0f an event%n",
        events,
        PARTNERS,
        eventsAlone,
        eventsAlone / (double) events,
        histories,
        histories / (double) events,
        decodedKept,
        decodedKept / (double) events);
    System.out.println("histories kept: " + decoded.size());
  }

  private static List<PartnerHistory> keep(
      List<List<CloudEvent<?>>> events, CloudEventCodec codec) {
    List<PartnerHistory> kept = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      PartnerHistory h = new PartnerHistory("memory-partner-" + i);
      for (CloudEvent<?> e : events.get(i)) {
        if (codec == null) {
          h.add(e);
        } else {
          ProducerRecord<String, byte[]> record = codec.toRecord(e);
          h.add(codec.decode(record.headers(), record.value()));
        }
      }
      kept.add(h.compact());
    }
    return kept;
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
