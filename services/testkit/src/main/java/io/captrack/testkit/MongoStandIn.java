package io.captrack.testkit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * mongo-java-server, a MongoDB wire-protocol server in Java: in memory for tests, on an H2 file for
 * the local run. It speaks wire version 5.0; it has no transactions, which captrack never uses.
 */
public final class MongoStandIn implements AutoCloseable {

  private final MongoServer server;
  private final MongoBackend backend;
  private final InetSocketAddress address;
  private final ServerTimes times;

  private MongoStandIn(MongoBackend backend, String host, int port, ServerTimes times) {
    this.times = times;
    this.backend = backend.version(ServerVersion.MONGO_5_0);
    this.server = new MongoServer(this.backend);
    this.server.bind(host, port);
    this.address = server.getLocalAddress();
  }

  /** An in-memory server on a free loopback port. */
  public static MongoStandIn inMemory() {
    ServerTimes times = new ServerTimes();
    return new MongoStandIn(new ServerTimes.TimedBackend(times), "127.0.0.1", 0, times);
  }

  /** A server that keeps its data in an H2 MVStore file. */
  public static MongoStandIn onFile(Path file, String host, int port) {
    return new MongoStandIn(new H2Backend(file.toString()), host, port, null);
  }

  /** The connection string, without a database. */
  public String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  /** The time of each command, for a server in memory; null for one on a file. */
  public ServerTimes times() {
    return times;
  }

  public int port() {
    return address.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
    if (backend instanceof H2Backend h2) {
      h2.close();
    }
  }
}
