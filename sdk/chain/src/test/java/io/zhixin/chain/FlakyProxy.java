package io.zhixin.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the SDK and a node that a test can cut and restore, to simulate a node outage
 * without losing the node's state (a restarted Hardhat node forgets everything):
 * <ul>
 *   <li>{@link #cut()}: stop listening and reset every open connection: clients get "connection refused";
 *   <li>{@link #restore()}: listen again on the same port;
 *   <li>{@link #dropNextSendResponses(int, boolean)}: forward the next {@code n} {@code eth_sendRawTransaction}
 *       requests to the node (which mines them) but close the connection before its answer reaches the
 *       client, optionally cutting the proxy right after: the "did my transaction go through?" case.
 * </ul>
 */
final class FlakyProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger dropsLeft = new AtomicInteger();
  private final AtomicBoolean cutAfterDrop = new AtomicBoolean();
  private final AtomicInteger dropped = new AtomicInteger();
  private final AtomicInteger refusedWindows = new AtomicInteger();
  private volatile ServerSocket server;
  private volatile boolean closed;

  FlakyProxy(String targetUrl) throws IOException {
    java.net.URI uri = java.net.URI.create(targetUrl);
    this.target = new InetSocketAddress(uri.getHost(), uri.getPort());
    this.server = listen(0);
    this.port = server.getLocalPort();
    startAccepting(server);
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Responses dropped so far. */
  int dropped() {
    return dropped.get();
  }

  int cuts() {
    return refusedWindows.get();
  }

  synchronized void cut() {
    refusedWindows.incrementAndGet();
    try {
      server.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : open) {
      closeQuietly(s);
    }
  }

  synchronized void restore() throws IOException {
    if (!server.isClosed()) {
      return;
    }
    server = listen(port);
    startAccepting(server);
  }

  void dropNextSendResponses(int n, boolean thenCut) {
    cutAfterDrop.set(thenCut);
    dropsLeft.set(n);
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return s;
  }

  private void startAccepting(ServerSocket listening) {
    Thread t = new Thread(() -> {
      while (!closed && !listening.isClosed()) {
        try {
          Socket client = listening.accept();
          Socket upstream = new Socket();
          upstream.connect(target, 2000);
          open.add(client);
          open.add(upstream);
          AtomicBoolean dropThis = new AtomicBoolean();
          pump(client, upstream, dropThis, true);
          pump(upstream, client, dropThis, false);
        } catch (IOException e) {
          // listening socket closed by cut() or close()
        }
      }
    }, "flaky-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  private void pump(Socket from, Socket to, AtomicBoolean dropThis, boolean request) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[16384];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          if (request) {
            String text = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            if (text.contains("eth_sendRawTransaction") && dropsLeft.getAndUpdate(x -> Math.max(0, x - 1)) > 0) {
              dropThis.set(true);
            }
          } else if (dropThis.get()) {
            // The node answered (and mined the transaction); the client never hears of it.
            dropped.incrementAndGet();
            closeQuietly(from);
            closeQuietly(to);
            if (cutAfterDrop.get()) {
              cut();
            }
            return;
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (SocketException e) {
        // reset by cut() or the peer
      } catch (IOException e) {
        // connection gone
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "flaky-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.setSoLinger(true, 0); // RST, as a dying node would
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    closed = true;
    cut();
  }
}
