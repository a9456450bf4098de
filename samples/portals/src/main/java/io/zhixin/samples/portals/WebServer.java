package io.zhixin.samples.portals;

import com.sun.net.httpserver.HttpServer;
import io.zhixin.http.Http;
import io.zhixin.http.HttpAnswer;
import io.zhixin.http.HttpCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One JDK HTTP server on a free loopback port, with its own small thread pool; pages answer {@link HttpCall}s. */
final class WebServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebServer.class.getName());
  private static final int MAX_FORM = 64 * 1024;
  private final HttpServer server;
  private final ExecutorService pool;

  WebServer(String name) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a loopback port for " + name, e);
    }
    pool = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "zhixin-" + name);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
  }

  HttpServer jdkServer() {
    return server;
  }

  /** {@code http://127.0.0.1:PORT}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves the pages of {@code handler} at {@code /} (protocol services are mounted on other contexts). */
  void pages(Function<HttpCall, HttpAnswer> handler) {
    Http.mount(server, "/", handler, MAX_FORM, Html.html(413, "request too large", Map.of()),
        Html.html(500, Html.page("出错了", "Something went wrong", "", "",
            "<p>" + Html.label("请稍后重试。", "Please try again later.") + "</p>"), Map.of()), LOG);
  }

  void start() {
    server.start();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
