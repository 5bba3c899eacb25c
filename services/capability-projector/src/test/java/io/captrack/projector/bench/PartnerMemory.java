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
 * What the projector's memory of partners takes, per event: the benchmark's 2,000 partners over ten
 * years, their events decoded from the records the services send (each event with strings of its
 * own), as histories of objects (what a batch works on) and frozen ({@link
 * PartnerHistory#freeze()}, what the history cache keeps between batches), with the frozen bytes'
 * own count beside the heap's. Prints the figures; a program of the test sources, run as the
 * benchmark README says ("Partners kept as facts").
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
    List<List<CloudEvent<?>>> generated = new ArrayList<>();
    long events = 0;
    for (int i = 0; i < PARTNERS; i++) {
      generated.add(company.partner("memory-partner-" + i));
      events += generated.get(i).size();
    }
    CloudEventCodec codec = new CloudEventCodec();
    List<List<CloudEvent<?>>> decoded = new ArrayList<>();
    for (List<CloudEvent<?>> partner : generated) {
      List<CloudEvent<?>> copies = new ArrayList<>();
      for (CloudEvent<?> e : partner) {
        ProducerRecord<String, byte[]> record = codec.toRecord(e);
        copies.add(codec.decode(record.headers(), record.value()));
      }
      decoded.add(copies);
    }
    generated.clear();

    long start = used();
    List<PartnerHistory> histories = new ArrayList<>();
    for (int i = 0; i < decoded.size(); i++) {
      PartnerHistory h = new PartnerHistory("memory-partner-" + i);
      decoded.get(i).forEach(h::add);
      histories.add(h);
    }
    long objects = used() - start;

    List<byte[]> frozen = new ArrayList<>();
    long frozenBytes = 0;
    for (PartnerHistory h : histories) {
      byte[] f = h.freeze();
      frozen.add(f);
      frozenBytes += f.length;
    }
    histories.clear();
    long frozenHeap = used() - start;

    System.out.printf(
        "%,d partner events of %,d partners, decoded from records%n"
            + "as histories of objects: %,d bytes, %.0f an event%n"
            + "frozen, as the cache keeps them: %,d bytes on the heap, %.0f an event"
            + " (the frozen forms' lengths: %.0f an event)%n",
        events,
        PARTNERS,
        objects,
        objects / (double) events,
        frozenHeap,
        frozenHeap / (double) events,
        frozenBytes / (double) events);
    System.out.println("kept: " + frozen.size() + " frozen, " + decoded.size() + " decoded");
  }

  private static long used() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 4; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
