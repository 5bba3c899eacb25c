package io.captrack.platform.outbox;

import java.util.List;

/**
 * The collections whose documents carry an outbox, when they change at run time (the projector's
 * read-model generations). Without such a bean the relay reads {@code captrack.outbox.collections}.
 */
@FunctionalInterface
public interface OutboxCollections {

  List<String> names();
}
