package io.zhixin.vcapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.zhixin.credentials.CredentialValidationException;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.vc.VcJwtIssuer;
import io.zhixin.credentials.vc.VerifiableCredential;
import io.zhixin.credentials.vc.VpJwtPresentation;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.Signer;
import io.zhixin.vcapi.internal.Http;
import io.zhixin.vcapi.internal.Http.Refusal;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The W3C VC-API endpoints over HTTP or HTTPS, on the JDK's built-in HTTP server: {@code POST /credentials/issue}
 * (secures a credential as {@code vc+jwt} and returns it as an {@code EnvelopedVerifiableCredential}),
 * {@code POST /credentials/verify} and {@code POST /presentations/verify}. Each endpoint exists only when the
 * builder configured it. Thread-safe; {@link #close()} stops it.
 *
 * <h2>What each request goes through</h2>
 * Exact path (404), {@code POST} (405), a JSON content type (415), for issuing the bearer token (401), a body of at
 * most {@link #MAX_BODY} bytes (413) arriving within the {@linkplain Builder#requestTimeout request timeout} (408),
 * strict JSON (a JSON object, no duplicate members, nesting at most 64: 400),
 * then the endpoint. Verification answers 200 with every check when the credential or presentation verifies and
 * 400 with the same report, whose {@code problemDetails} list the failed checks, when it does not. No stack trace
 * or secret ever reaches a response.
 *
 * <pre>{@code
 * try (VcApiServer server = VcApiServer.builder().port(8443)
 *     .issuer(signer, "did:web:gaj.chancheng.gov.cn", "did:web:gaj.chancheng.gov.cn#key-1")
 *     .issueBearerToken(token)
 *     .credentialVerifier(credentialVerifier).presentationVerifier(presentationVerifier)
 *     .tls(Path.of("server.p12"), password)
 *     .start()) {
 *   server.awaitClose();
 * }
 * }</pre>
 */
public final class VcApiServer implements AutoCloseable {

  /** Largest request body accepted, in bytes (1 MiB). */
  public static final int MAX_BODY = 1024 * 1024;
  /**
   * JVM-wide limit, in seconds, on how long the JDK HTTP server lets one request take, including draining an unread
   * body; {@link Builder#start()} sets it to 60 unless it is set (it is read when the JVM's first JDK HTTP server is
   * created, so set it on the command line if the application starts another one first).
   */
  public static final String MAX_REQUEST_TIME = "sun.net.httpserver.maxReqTime";
  /** JVM-wide limit, in seconds, on writing one response; set to 60 unless set, like {@link #MAX_REQUEST_TIME}. */
  public static final String MAX_RESPONSE_TIME = "sun.net.httpserver.maxRspTime";

  private static final System.Logger LOG = System.getLogger(VcApiServer.class.getName());
  private static final String ISSUE = "/credentials/issue";
  private static final String VERIFY_CREDENTIAL = "/credentials/verify";
  private static final String VERIFY_PRESENTATION = "/presentations/verify";
  private static final String VC_JWT_URL = "data:application/vc+jwt,";
  private static final String VP_JWT_URL = "data:application/vp+jwt,";
  private static final List<String> SD_JWT_URLS = List.of("data:application/dc+sd-jwt,",
      "data:application/vc+sd-jwt,");

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final boolean https;
  private final VcJwtIssuer issuer;
  private final String issuerId;
  private final byte[] tokenDigest;
  private final Verifier credentialVerifier;
  private final Function<String, Verifier> presentationVerifiers;
  private final boolean requireChallenge;
  private final Duration requestTimeout;
  private final Object closeLock = new Object();
  private boolean closed;

  private VcApiServer(Builder b) {
    this.https = b.tls != null;
    this.issuerId = b.issuerId;
    this.issuer = b.signer == null ? null
        : VcJwtIssuer.builder().signer(b.signer).issuer(b.issuerId).keyId(b.keyId).build();
    this.tokenDigest = b.token == null ? null : sha256(b.token);
    this.credentialVerifier = b.credentialVerifier;
    this.presentationVerifiers = b.presentationVerifiers;
    this.requireChallenge = !b.allowMissingChallenge;
    this.requestTimeout = b.requestTimeout;
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "vc-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    // A bounded queue; when it is full the accepting thread runs the request itself, which slows accepting down.
    this.executor = new ThreadPoolExecutor(b.threads, b.threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(256), threads, new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      InetSocketAddress address = new InetSocketAddress(b.host, b.port);
      if (https) {
        HttpsServer s = HttpsServer.create(address, 128);
        SSLContext ctx = b.tls;
        s.setHttpsConfigurator(new HttpsConfigurator(ctx) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters p = ctx.getDefaultSSLParameters();
            p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            params.setSSLParameters(p);
          }
        });
        server = s;
      } else {
        server = HttpServer.create(address, 128);
      }
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + b.host + ":" + b.port + ": " + e.getMessage(), e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the ephemeral port chosen when the builder said 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URI, e.g. {@code https://127.0.0.1:8443}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().getHostAddress();
    if (host.indexOf(':') >= 0) {
      host = "[" + host + "]";
    }
    return URI.create((https ? "https" : "http") + "://" + host + ":" + a.getPort());
  }

  /** The endpoints this server answers, e.g. {@code [/credentials/issue, /credentials/verify]}. */
  public List<String> endpoints() {
    List<String> out = new ArrayList<>();
    if (issuer != null) {
      out.add(ISSUE);
    }
    if (credentialVerifier != null) {
      out.add(VERIFY_CREDENTIAL);
    }
    if (presentationVerifiers != null) {
      out.add(VERIFY_PRESENTATION);
    }
    return Collections.unmodifiableList(out);
  }

  /** Blocks until {@link #close()} is called (from another thread or a shutdown hook). */
  public void awaitClose() throws InterruptedException {
    synchronized (closeLock) {
      while (!closed) {
        closeLock.wait();
      }
    }
  }

  /** Stops listening, drops open connections and stops the worker threads. Idempotent. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
      closeLock.notifyAll();
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "VcApiServer{" + uri() + ", " + endpoints() + "}";
  }

  // ---- requests ----

  private void handle(HttpExchange ex) {
    try {
      String path = ex.getRequestURI().getRawPath();
      if (!endpoints().contains(path)) {
        Http.problem(ex, 404, "Not found", "no endpoint at " + abbreviate(path) + "; this server has "
            + endpoints());
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        Http.problem(ex, 405, "Method not allowed", path + " accepts POST only");
        return;
      }
      try {
        checkContentType(ex);
        if (path.equals(ISSUE)) {
          authorize(ex);
        }
        JsonNode body = Http.object(Http.body(ex, MAX_BODY, requestTimeout.toNanos()));
        switch (path) {
          case ISSUE -> issue(ex, body);
          case VERIFY_CREDENTIAL -> verifyCredential(ex, body);
          default -> verifyPresentation(ex, body);
        }
      } catch (Refusal r) {
        Http.problem(ex, r.status, r.title, r.getMessage());
      }
    } catch (IOException e) {
      // The client went away or sent a broken request; nothing to answer.
      LOG.log(System.Logger.Level.DEBUG, "request I/O failed: {0}", e.toString());
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "request failed: {0}", e.getClass().getName());
      try {
        Http.problem(ex, 500, "Internal error", "the request could not be processed ("
            + e.getClass().getSimpleName() + ")");
      } catch (IOException | RuntimeException ignored) {
        // headers were probably sent already
      }
    } finally {
      ex.close();
    }
  }

  private static void checkContentType(HttpExchange ex) throws Refusal {
    String type = ex.getRequestHeaders().getFirst("Content-Type");
    if (type == null) {
      return;
    }
    String t = type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!t.equals("application/json") && !t.endsWith("+json")) {
      throw new Refusal(415, "Unsupported media type", "expected Content-Type application/json, found "
          + abbreviate(type));
    }
  }

  private void authorize(HttpExchange ex) throws Refusal {
    if (tokenDigest == null) {
      return;
    }
    String h = ex.getRequestHeaders().getFirst("Authorization");
    boolean ok = h != null && h.regionMatches(true, 0, "Bearer ", 0, 7)
        && MessageDigest.isEqual(tokenDigest, sha256(h.substring(7).trim()));
    if (!ok) {
      ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"vc-api\"");
      throw new Refusal(401, "Unauthorized", "issuing needs the issuer's bearer token in the Authorization header");
    }
  }

  private void issue(HttpExchange ex, JsonNode body) throws IOException, Refusal {
    JsonNode c = body.get("credential");
    if (c == null || !c.isObject()) {
      throw new Refusal(400, "Malformed request", "the body needs a credential object: {\"credential\": {…}, "
          + "\"options\": {…}}");
    }
    ObjectNode credential = ((ObjectNode) c).deepCopy();
    JsonNode options = options(body, Set.of("credentialId"));
    JsonNode iss = credential.get("issuer");
    if (iss == null) {
      credential.put("issuer", issuerId);
    } else {
      String id = iss.isTextual() ? iss.textValue() : iss.path("id").asText("");
      if (!issuerId.equals(id)) {
        throw new Refusal(400, "Wrong issuer", "this service issues as " + issuerId + ", the credential names "
            + abbreviate(id.isEmpty() ? iss.toString() : id));
      }
    }
    JsonNode credentialId = options.get("credentialId");
    if (credentialId != null) {
      if (!credentialId.isTextual()) {
        throw new Refusal(400, "Malformed request", "options.credentialId must be a string");
      }
      if (credential.has("id") && !credential.get("id").equals(credentialId)) {
        throw new Refusal(400, "Malformed request", "options.credentialId differs from the credential's id");
      }
      credential.put("id", credentialId.textValue());
    }
    VerifiableCredential vc;
    try {
      vc = VerifiableCredential.parse(Http.json().writeValueAsString(credential));
    } catch (CredentialValidationException e) {
      Map<String, Object> report = VerificationReports.toMap(false, e.violations());
      report.put("title", "Invalid credential");
      Http.send(ex, 400, report);
      return;
    }
    String jwt;
    try {
      jwt = issuer.issue(vc);
    } catch (KeyException e) {
      throw new Refusal(503, "Signing unavailable", "the issuer's key could not sign (" + e.reason() + ")");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verifiableCredential", Http.json().readTree(VpJwtPresentation.envelope(jwt)));
    Http.send(ex, 201, out);
  }

  private void verifyCredential(HttpExchange ex, JsonNode body) throws IOException, Refusal {
    options(body, Set.of());
    String token = secured(body, "verifiableCredential", "EnvelopedVerifiableCredential", VC_JWT_URL);
    if (isPresentation(token)) {
      throw new Refusal(400, "Malformed request", "this is a presentation; POST it to " + VERIFY_PRESENTATION);
    }
    report(ex, credentialVerifier.verify(token));
  }

  private void verifyPresentation(HttpExchange ex, JsonNode body) throws IOException, Refusal {
    JsonNode options = options(body, Set.of("challenge", "domain"));
    String token = secured(body, "verifiablePresentation", "EnvelopedVerifiablePresentation", VP_JWT_URL);
    if (!isPresentation(token) && token.indexOf('~') < 0) {
      throw new Refusal(400, "Malformed request", "this is a credential, not a presentation; POST it to "
          + VERIFY_CREDENTIAL);
    }
    String challenge = text(options, "challenge");
    String domain = text(options, "domain");
    if (challenge == null && requireChallenge) {
      throw new Refusal(400, "Malformed request", "options.challenge is required: it is the nonce that the "
          + "presentation must carry, so that a recorded presentation cannot be replayed");
    }
    Verifier v = presentationVerifiers.apply(domain);
    if (v == null) {
      throw new Refusal(400, "Unknown domain", "this verifier does not accept presentations for the domain "
          + abbreviate(String.valueOf(domain)));
    }
    report(ex, v.verify(token, challenge));
  }

  private static void report(HttpExchange ex, VerificationResult r) throws IOException {
    Http.send(ex, r.isVerified() ? 200 : 400, VerificationReports.toMap(r));
  }

  private static JsonNode options(JsonNode body, Set<String> supported) throws Refusal {
    JsonNode o = body.get("options");
    if (o == null || o.isNull()) {
      return Http.json().createObjectNode();
    }
    if (!o.isObject()) {
      throw new Refusal(400, "Malformed request", "options must be a JSON object");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!supported.contains(name)) {
        throw new Refusal(400, "Unsupported option", "option " + abbreviate(name) + " is not supported here"
            + (supported.isEmpty() ? "" : "; supported: " + supported));
      }
    }
    return o;
  }

  private static String text(JsonNode options, String name) throws Refusal {
    JsonNode n = options.get(name);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual() || n.textValue().isEmpty()) {
      throw new Refusal(400, "Malformed request", "options." + name + " must be a non-empty string");
    }
    return n.textValue();
  }

  /**
   * The compact secured form from {@code member}: a string, or an enveloped object whose id is a data: URL of a
   * JOSE media type this server verifies.
   */
  private static String secured(JsonNode body, String member, String envelopeType, String jwtUrl) throws Refusal {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      throw new Refusal(400, "Malformed request", "the body needs " + member);
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (!n.isObject()) {
      throw new Refusal(400, "Malformed request", member + " must be an " + envelopeType + " object or a string");
    }
    JsonNode type = n.get("type");
    boolean enveloped = type != null && (envelopeType.equals(type.asText())
        || (type.isArray() && type.toString().contains("\"" + envelopeType + "\"")));
    if (!enveloped) {
      throw new Refusal(400, "Unsupported securing mechanism", member + " must be an " + envelopeType
          + " (vc+jwt, vp+jwt or SD-JWT VC); embedded Data Integrity proofs are not supported");
    }
    String id = n.path("id").asText("");
    if (id.startsWith(jwtUrl)) {
      return id.substring(jwtUrl.length());
    }
    for (String p : SD_JWT_URLS) {
      if (id.startsWith(p)) {
        return id.substring(p.length());
      }
    }
    throw new Refusal(400, "Unsupported securing mechanism", member + ".id must be a data: URL starting with "
        + jwtUrl + " or " + SD_JWT_URLS.get(0));
  }

  private static boolean isPresentation(String token) {
    if (token.indexOf('~') >= 0) {
      return false;
    }
    try {
      Object typ = JWSObject.parse(token.strip()).getHeader().getType();
      return typ != null && typ.toString().toLowerCase(Locale.ROOT).endsWith("vp+jwt");
    } catch (java.text.ParseException | RuntimeException e) {
      return false; // the verifier reports malformed input
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  /** Builds and starts a {@link VcApiServer}. Not thread-safe. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private Signer signer;
    private String issuerId;
    private String keyId;
    private String token;
    private boolean unauthenticatedIssue;
    private Verifier credentialVerifier;
    private Function<String, Verifier> presentationVerifiers;
    private boolean allowMissingChallenge;
    private SSLContext tls;
    private Duration requestTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /**
     * How long a request body may take to arrive; 30 seconds by default. A slower body is answered with 408 and its
     * connection closed, so a client dripping bytes cannot hold a worker thread.
     */
    public Builder requestTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("request timeout must be positive and at most 10 minutes, found "
            + timeout);
      }
      this.requestTimeout = timeout;
      return this;
    }

    /** The address to listen on; {@code 127.0.0.1} by default. Use {@code 0.0.0.0} to listen on every interface. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 (the default) picks a free one, see {@link VcApiServer#port()}. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, found " + port);
      }
      this.port = port;
      return this;
    }

    /** Worker threads; twice the processors, at least 4, by default. */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be 1..1024, found " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Enables {@code POST /credentials/issue}: credentials are issued as {@code issuerId} and signed by
     * {@code signer} with {@code keyId} (a verification method of the issuer's DID) as {@code kid}.
     */
    public Builder issuer(Signer signer, String issuerId, String keyId) {
      this.signer = Objects.requireNonNull(signer, "signer");
      this.issuerId = Objects.requireNonNull(issuerId, "issuerId");
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      return this;
    }

    /** Issuing requires {@code Authorization: Bearer <token>}; at least 16 characters. */
    public Builder issueBearerToken(String token) {
      if (token == null || token.strip().length() < 16) {
        throw new IllegalArgumentException("the issue bearer token must have at least 16 characters");
      }
      this.token = token.strip();
      return this;
    }

    /** Anyone who reaches the server may have credentials issued. Explicit leniency, for tests and loopback. */
    public Builder allowUnauthenticatedIssue() {
      this.unauthenticatedIssue = true;
      return this;
    }

    /**
     * Enables {@code POST /credentials/verify} with {@code verifier}. Build it with a fixed nonce or
     * {@code ignoreNonce()} (a credential carries none) and, for SD-JWT VCs, usually
     * {@code allowMissingKeyBinding()}.
     */
    public Builder credentialVerifier(Verifier verifier) {
      this.credentialVerifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /**
     * Enables {@code POST /presentations/verify} with one verifier whatever the request's {@code domain}: build it
     * with {@code noncePerRequest()} (the request's {@code challenge} is the nonce) and this service's own
     * {@code audience(...)}.
     */
    public Builder presentationVerifier(Verifier verifier) {
      Objects.requireNonNull(verifier, "verifier");
      this.presentationVerifiers = domain -> verifier;
      return this;
    }

    /**
     * Enables {@code POST /presentations/verify}, choosing the verifier by the request's {@code options.domain}
     * (null when the request names none); returning null refuses the request. Use this when the expected audience
     * comes from the request, as in conformance test suites.
     */
    public Builder presentationVerifiers(Function<String, Verifier> byDomain) {
      this.presentationVerifiers = Objects.requireNonNull(byDomain, "byDomain");
      return this;
    }

    /** Accept presentation requests without {@code options.challenge}. Explicit leniency: replays go unnoticed. */
    public Builder allowMissingChallenge() {
      this.allowMissingChallenge = true;
      return this;
    }

    /** Serves HTTPS with {@code context}. */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * Serves HTTPS with the certificate and private key in a PKCS#12 key store.
     *
     * @throws IllegalArgumentException if the file cannot be read, the password is wrong, or it holds no key
     */
    public Builder tls(Path pkcs12, char[] password) {
      this.tls = sslContext(pkcs12, password);
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException if no endpoint is configured, or issuing is enabled without choosing between
     *     {@link #issueBearerToken} and {@link #allowUnauthenticatedIssue()}
     * @throws UncheckedIOException if the address cannot be bound (e.g. the port is in use)
     */
    public VcApiServer start() {
      if (signer == null && credentialVerifier == null && presentationVerifiers == null) {
        throw new IllegalStateException("configure at least one of issuer(...), credentialVerifier(...), "
            + "presentationVerifier(...)");
      }
      if (signer != null && (token == null) == !unauthenticatedIssue) {
        throw new IllegalStateException("issuing needs exactly one of issueBearerToken(...), "
            + "allowUnauthenticatedIssue()");
      }
      if (signer == null && (token != null || unauthenticatedIssue)) {
        throw new IllegalStateException("issue authentication is configured but issuer(...) is not");
      }
      // The JDK server frees a worker from a client that stops sending (even while it drains an unread body after
      // answering) only through these JVM-wide limits, which it reads once, when the JVM's first JDK HTTP server
      // is created. Set them unless the application chose its own.
      setIfAbsent(MAX_REQUEST_TIME, "60");
      setIfAbsent(MAX_RESPONSE_TIME, "60");
      return new VcApiServer(this);
    }

    private static void setIfAbsent(String name, String value) {
      try {
        if (System.getProperty(name) == null) {
          System.setProperty(name, value);
        }
      } catch (SecurityException ignored) {
        // a security manager forbids it; the per-read deadline still stops clients that drip bytes
      }
    }

    private static SSLContext sslContext(Path file, char[] password) {
      Objects.requireNonNull(file, "pkcs12");
      Objects.requireNonNull(password, "password");
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
          ks.load(in, password);
        }
        boolean hasKey = false;
        for (String alias : Collections.list(ks.aliases())) {
          hasKey |= ks.isKeyEntry(alias);
        }
        if (!hasKey) {
          throw new IllegalArgumentException("the key store " + file + " holds no private key and certificate");
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
      } catch (java.nio.file.NoSuchFileException e) {
        throw new IllegalArgumentException("no certificate key store at " + file, e);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot open the certificate key store " + file
            + ": wrong password, or not a PKCS#12 file", e);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot use the certificate key store " + file + ": "
            + e.getClass().getSimpleName(), e);
      }
    }
  }
}
