package io.zhixin.samples.portals;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.zhixin.http.HttpAnswer;
import io.zhixin.http.HttpCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
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
    server.createContext("/", ex -> {
      try (ex) {
        byte[] body = read(ex);
        HttpAnswer a;
        if (body == null) {
          a = Html.html(413, "request too large", Map.of());
        } else {
          HttpCall call = new HttpCall(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
              ex.getRequestURI().getRawQuery(), new LinkedHashMap<String, List<String>>(ex.getRequestHeaders()), body);
          try {
            a = handler.apply(call);
          } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "page " + call + " failed", e);
            a = Html.html(500, Html.page("出错了", "Something went wrong", "", "",
                "<p>" + Html.label("请稍后重试。", "Please try again later.") + "</p>"), Map.of());
          }
        }
        send(ex, a);
      }
    });
  }

  void start() {
    server.start();
  }

  private static byte[] read(HttpExchange ex) throws IOException {
    InputStream in = ex.getRequestBody();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int r;
    while ((r = in.read(buf)) > 0) {
      if (out.size() + r > MAX_FORM) {
        return null;
      }
      out.write(buf, 0, r);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange ex, HttpAnswer a) throws IOException {
    a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (a.contentType() != null) {
      ex.getResponseHeaders().set("Content-Type", a.contentType());
    }
    byte[] body = a.body();
    if (body.length == 0 || "HEAD".equals(ex.getRequestMethod())) {
      ex.sendResponseHeaders(a.status(), -1);
    } else {
      ex.sendResponseHeaders(a.status(), body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
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
