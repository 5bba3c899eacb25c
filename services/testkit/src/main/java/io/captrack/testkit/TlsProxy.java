package io.captrack.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Terminates TLS in front of a plain TCP server: a client must trust the certificate of a {@link
 * TlsMaterial} to get through, and the bytes go on unchanged. What puts a server that speaks no TLS
 * (the MongoDB stand-in) behind TLS, so that a client's TLS settings are really exercised.
 */
public final class TlsProxy implements AutoCloseable {

  private final SSLServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final Thread acceptor;

  private TlsProxy(TlsMaterial tls, String targetHost, int targetPort) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(tls.keyStore())) {
      keys.load(in, tls.password().toCharArray());
    }
    KeyManagerFactory managers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, tls.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    this.server =
        (SSLServerSocket)
            context
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.acceptor = new Thread(this::accept, "tls-proxy-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A proxy on a free loopback port with {@code tls}' certificate, to {@code host:port}. */
  public static TlsProxy to(TlsMaterial tls, String host, int port) {
    try {
      return new TlsProxy(tls, host, port);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start a TLS proxy", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Connections whose TLS handshake succeeded. */
  public int handshakes() {
    return handshakes.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        daemon(() -> connect(client));
      } catch (IOException e) {
        if (!server.isClosed()) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private void connect(Socket client) {
    try {
      ((javax.net.ssl.SSLSocket) client).startHandshake();
      handshakes.incrementAndGet();
      Socket target = new Socket(targetHost, targetPort);
      open.add(target);
      daemon(() -> pump(client, target));
      pump(target, client);
    } catch (IOException e) {
      close(client);
    }
  }

  private static void daemon(Runnable work) {
    Thread thread = new Thread(work, "tls-proxy-connection");
    thread.setDaemon(true);
    thread.start();
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed: the other follows
    } finally {
      close(from);
      close(to);
    }
  }

  private void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already gone
    }
    open.remove(socket);
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    open.forEach(this::close);
  }
}
