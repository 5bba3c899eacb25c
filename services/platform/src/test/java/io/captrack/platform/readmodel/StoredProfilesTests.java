package io.captrack.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class StoredProfilesTests {

  @Test
  void stretchesReadBackAsTheyWereWrittenFieldByFieldInOrder() {
    List<Document> stretches =
        List.of(
            new Document("capabilityId", "ux.research")
                .append("from", "2026-01-05")
                .append("to", null)
                .append("level", 3)
                .append("channel", "BUILD"),
            new Document("capabilityId", "data.eng")
                .append("from", "2025-03-01")
                .append("to", "2026-02-01")
                .append("fteCenti", 150L),
            new Document("capabilityId", "ü·ñ").append("from", "2024-12-31"));
    List<Document> read = StoredProfiles.read(StoredProfiles.encode(stretches));
    assertThat(read).isEqualTo(stretches);
    assertThat(read.get(0).keySet())
        .containsExactly("capabilityId", "from", "to", "level", "channel");
    assertThat(read.get(1).get("fteCenti")).isInstanceOf(Long.class);
    assertThat(StoredProfiles.read(StoredProfiles.encode(List.of()))).isEmpty();
  }

  @Test
  void aProfileOfTheEarlierLayoutOrNoneStillReads() {
    List<Document> earlier =
        List.of(new Document("capabilityId", "ux.research").append("level", 2));
    assertThat(StoredProfiles.read(earlier)).isEqualTo(earlier);
    assertThat(StoredProfiles.read(null)).isEmpty();
  }

  @Test
  void aFieldOfAnotherKindIsRefusedByName() {
    List<Document> odd = List.of(new Document("fte", BigDecimal.ONE));
    assertThatThrownBy(() -> StoredProfiles.encode(odd)).hasMessageContaining("(fte)");
  }
}
