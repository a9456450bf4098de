package io.zhixin.oid4vp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.sun.net.httpserver.HttpServer;
import io.zhixin.credentials.CredentialFormat;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.http.Http;
import io.zhixin.http.HttpAnswer;
import io.zhixin.http.HttpCall;
import io.zhixin.http.QrCodes;
import io.zhixin.keys.Jws;
import io.zhixin.keys.Signer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An OpenID4VP 1.0 verifier: makes DCQL presentation requests by reference, receives {@code direct_post} answers
 * and checks them with the SDK's {@link Verifier}. Build one per verifier identity and share it: thread-safe;
 * sessions live in memory.
 *
 * <h2>Client identifier</h2>
 * With {@link Builder#requestSigner} the client id is {@code decentralized_identifier:<did>} and request objects
 * are JWS with {@code typ oauth-authz-req+jwt} signed by that DID's key (wallets resolve the DID; HAIP's
 * {@code x509_hash} is not offered). With {@link Builder#unsignedRequests()} (development) the client id is
 * {@code redirect_uri:<response_uri>} and the request goes by value in the {@code openid4vp://} URI, unsigned as
 * that prefix requires (wallets such as the {@code @openid4vc} packages refuse unsigned request objects by
 * reference). Either way the client id is the audience of every presentation.
 *
 * <h2>Routes</h2> (relative to the base URL)
 * <ul>
 *   <li>{@code GET /requests/{id}}: the request object ({@code application/oauth-authz-req+jwt})</li>
 *   <li>{@code POST /response}: the {@code direct_post} response URI</li>
 *   <li>{@code GET /status/{transactionId}}: the result as JSON, for the page that polls (cross-device)</li>
 *   <li>{@code GET /qr/{transactionId}.png}: the request URI as a QR code</li>
 * </ul>
 *
 * <h2>What this checks</h2>
 * The {@code state} names a live request that was not answered before (one answer per request; late answers make
 * it {@code EXPIRED}); {@code vp_token} is a JSON object keyed by credential query ids; each presentation passes the
 * {@link Verifier} (signatures, disclosures, key binding, {@code aud} = client id, the request's {@code nonce},
 * freshness, issuer trust, types, status) built for this client id; its format and {@code vct}/{@code type} match
 * the query; every requested claim is there (one of the {@code claim_sets}, and {@code values} when given); an
 * SD-JWT discloses nothing the query did not ask for; a {@code vp+jwt}'s credential names its holder as subject;
 * {@code multiple} and {@code credential_sets} are honoured. Anything else rejects the whole answer.
 *
 * <pre>{@code
 * VerifierService bank = VerifierService.builder().baseUrl("https://bank.example/vp")
 *     .requestSigner(signer, "did:web:bank.example", "did:web:bank.example#key-1")
 *     .verifier(clientId -> Verifier.builder().issuerKeys(keys).trustedIssuers(gaj).acceptedTypes(vct)
 *         .audience(clientId).noncePerRequest().ignoreStatus().build())
 *     .build();
 * bank.mount(httpServer, "/vp");
 * PresentationSession s = bank.request(query, "开户身份核验 Identity check for opening an account");
 * }</pre>
 */
public final class VerifierService {
  /** The {@code typ} of request objects. */
  public static final String REQUEST_TYPE = "oauth-authz-req+jwt";
  private static final System.Logger LOG = System.getLogger(VerifierService.class.getName());
  private static final Pattern REQUEST_PATH = Pattern.compile("/requests/([A-Za-z0-9_-]{16,64})");
  private static final Pattern STATUS_PATH = Pattern.compile("/status/([A-Za-z0-9_-]{16,64})");
  private static final Pattern QR_PATH = Pattern.compile("/qr/([A-Za-z0-9_-]{16,64})\\.png");
  /** Most presentations accepted for one credential query. */
  private static final int MAX_PRESENTATIONS = 10;

  private final String baseUrl;
  private final String clientId;
  private final Signer signer;
  private final String keyId;
  private final Verifier verifier;
  private final Clock clock;
  private final Duration ttl;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byTransaction = new ConcurrentHashMap<>();
  private final Map<String, Session> byRequest = new ConcurrentHashMap<>();
  private final Map<String, Session> byState = new ConcurrentHashMap<>();
  private final Map<String, Session> byResponseCode = new ConcurrentHashMap<>();

  private VerifierService(Builder b) {
    this.baseUrl = b.baseUrl;
    this.signer = b.signer;
    this.keyId = b.keyId;
    this.clientId = b.signer != null ? "decentralized_identifier:" + b.did : "redirect_uri:" + b.baseUrl + "/response";
    this.verifier = Objects.requireNonNull(b.policy.apply(clientId), "the verifier function returned null");
    this.clock = b.clock;
    this.ttl = b.ttl;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The client identifier, prefix included; the audience of every presentation. */
  public String clientId() {
    return clientId;
  }

  /** The {@code response_uri} wallets post to. */
  public String responseUri() {
    return baseUrl + "/response";
  }

  // ---------------------------------------------------------------- requests

  /** A cross-device request: the page shows the QR code and polls for the result. */
  public PresentationSession request(DcqlQuery query, String purpose) {
    return request(query, purpose, null);
  }

  /**
   * A request; with {@code redirectUri} (same-device) a verified answer sends the wallet on to
   * {@code redirectUri?response_code=…}, which the page exchanges through {@link #resultForResponseCode}.
   *
   * @throws IllegalArgumentException for a blank purpose (every request says why it asks) or a bad redirect URI
   */
  public PresentationSession request(DcqlQuery query, String purpose, String redirectUri) {
    Objects.requireNonNull(query, "query");
    if (purpose == null || purpose.isBlank() || purpose.length() > 500) {
      throw new IllegalArgumentException("every request states its purpose (1..500 characters)");
    }
    if (redirectUri != null && !(redirectUri.startsWith("https://") || redirectUri.startsWith("http://"))) {
      throw new IllegalArgumentException("redirect URI must be http(s): " + redirectUri);
    }
    purge();
    Instant now = clock.instant();
    Session s = new Session(token(32), token(24), token(24), token(24), query.withPurpose(purpose), purpose,
        redirectUri, now.plus(ttl));
    byTransaction.put(s.transactionId, s);
    byRequest.put(s.requestId, s);
    byState.put(s.state, s);
    String uri = openid4vpUri(s);
    return new PresentationSession(s.transactionId, uri, baseUrl + "/status/" + s.transactionId, s.expiresAt,
        purpose);
  }

  /** The current result of a request; {@code EXPIRED} for an unknown or forgotten transaction id. */
  public PresentationResult result(String transactionId) {
    Session s = byTransaction.get(transactionId);
    if (s == null) {
      return new PresentationResult(PresentationResult.Status.EXPIRED, null, List.of("unknown transaction"), null);
    }
    return s.current(clock.instant());
  }

  /**
   * The result behind a same-device {@code response_code}, once: the code is spent by this call. Unknown or spent
   * codes give {@code EXPIRED}.
   */
  public PresentationResult resultForResponseCode(String responseCode) {
    Session s = responseCode == null ? null : byResponseCode.remove(responseCode);
    if (s == null) {
      return new PresentationResult(PresentationResult.Status.EXPIRED, null, List.of("unknown response code"), null);
    }
    return s.current(clock.instant());
  }

  // ---------------------------------------------------------------- HTTP

  /** Serves the routes under {@code basePath} of a JDK HTTP server. The caller starts and stops the server. */
  public void mount(HttpServer server, String basePath) {
    Http.mount(server, basePath, this::handle, LOG);
  }

  /** Answers one request; {@code call.path()} is relative to the base URL. Never throws for bad input. */
  public HttpAnswer handle(HttpCall call) {
    String p = call.path();
    String m = call.method();
    if (p.equals("/response")) {
      return "POST".equals(m) ? directPost(call) : notAllowed();
    }
    var rm = REQUEST_PATH.matcher(p);
    if (rm.matches()) {
      if (!"GET".equals(m)) {
        return notAllowed();
      }
      Session s = byRequest.get(rm.group(1));
      if (s == null || s.expired(clock.instant()) || s.answered) {
        return Http.error(404, "invalid_request_uri", "no such request (unknown, expired or already answered)");
      }
      return Http.bytes(200, "application/oauth-authz-req+jwt", requestObject(s).getBytes(StandardCharsets.US_ASCII));
    }
    var sm = STATUS_PATH.matcher(p);
    if (sm.matches()) {
      return "GET".equals(m) ? Http.json(200, result(sm.group(1)).toJson()) : notAllowed();
    }
    var qm = QR_PATH.matcher(p);
    if (qm.matches()) {
      Session s = byTransaction.get(qm.group(1));
      if (s == null) {
        return Http.error(404, "not_found", "no such request");
      }
      return Http.bytes(200, "image/png", QrCodes.png(openid4vpUri(s), 400));
    }
    return Http.error(404, "not_found", "no such endpoint");
  }

  private static HttpAnswer notAllowed() {
    return Http.error(405, "invalid_request", "method not allowed");
  }

  /**
   * The URI a wallet opens: by reference ({@code request_uri}) for signed requests; by value for unsigned ones,
   * because an unsigned request object is not a JWT that wallets accept.
   */
  private String openid4vpUri(Session s) {
    if (signer != null) {
      return "openid4vp://?client_id=" + enc(clientId) + "&request_uri=" + enc(baseUrl + "/requests/" + s.requestId);
    }
    ObjectNode c = requestClaims(s);
    StringBuilder sb = new StringBuilder("openid4vp://?");
    var it = c.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getKey().equals("aud") || e.getKey().equals("iat") || e.getKey().equals("exp")) {
        continue;
      }
      sb.append(sb.charAt(sb.length() - 1) == '?' ? "" : "&").append(enc(e.getKey())).append('=')
          .append(enc(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
    }
    return sb.toString();
  }

  /** The request object (JAR, RFC 9101) of a session. */
  private String requestObject(Session s) {
    byte[] payload = requestClaims(s).toString().getBytes(StandardCharsets.UTF_8);
    if (signer == null) {
      Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
      return b64.encodeToString(("{\"alg\":\"none\",\"typ\":\"" + REQUEST_TYPE + "\"}").getBytes(StandardCharsets.UTF_8))
          + "." + b64.encodeToString(payload) + ".";
    }
    JWSObject jws = new JWSObject(new JWSHeader.Builder(signer.keyType().jwsAlgorithm())
        .type(new JOSEObjectType(REQUEST_TYPE)).keyID(keyId).build(), new Payload(payload));
    try {
      jws.sign(Jws.signer(signer));
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("cannot sign the request object: " + e.getMessage(), e);
    }
    return jws.serialize();
  }

  private ObjectNode requestClaims(Session s) {
    Instant now = clock.instant();
    // No iss: JAR makes it optional, and wallets (the @openid4vc packages) compare it with the kid's DID.
    ObjectNode c = Http.object();
    c.put("aud", "https://self-issued.me/v2").put("iat", now.getEpochSecond())
        .put("exp", s.expiresAt.getEpochSecond())
        .put("client_id", clientId).put("response_type", "vp_token").put("response_mode", "direct_post")
        .put("response_uri", responseUri()).put("nonce", s.nonce).put("state", s.state);
    c.set("dcql_query", s.query.toJson());
    ObjectNode formats = c.putObject("client_metadata").putObject("vp_formats_supported");
    ObjectNode sd = formats.putObject("dc+sd-jwt");
    sd.putArray("sd-jwt_alg_values").add("ES256").add("EdDSA").add("ES256K");
    sd.putArray("kb-jwt_alg_values").add("ES256").add("EdDSA").add("ES256K");
    formats.putObject("jwt_vc_json").putArray("alg_values").add("ES256").add("EdDSA").add("ES256K");
    return c;
  }

  // ---------------------------------------------------------------- direct_post

  private HttpAnswer directPost(HttpCall call) {
    if (!Http.contentType(call, "application/x-www-form-urlencoded")) {
      return Http.error(400, "invalid_request", "the response must be application/x-www-form-urlencoded");
    }
    Map<String, String> form = Http.form(call);
    if (form == null) {
      return Http.error(400, "invalid_request", "the response is not valid form encoding");
    }
    String state = form.get("state");
    if (state == null || state.isEmpty()) {
      return Http.error(400, "invalid_request", "state is missing");
    }
    Session s = byState.get(state);
    if (s == null) {
      return Http.error(400, "invalid_request", "state names no open request");
    }
    Instant now = clock.instant();
    synchronized (s) {
      if (s.answered) {
        return Http.error(400, "invalid_request", "this request was already answered");
      }
      s.answered = true;
      byState.remove(state, s);
      if (s.expired(now)) {
        s.result = new PresentationResult(PresentationResult.Status.EXPIRED, null,
            List.of("the answer arrived after the request expired at " + s.expiresAt), null);
        return Http.error(400, "invalid_request", "the request expired at " + s.expiresAt);
      }
      String error = form.get("error");
      if (error != null) {
        s.result = new PresentationResult(PresentationResult.Status.REFUSED, null, List.of(), clip(error));
        return Http.json(200, Http.object());
      }
      String vpToken = form.get("vp_token");
      List<String> problems = new ArrayList<>();
      Map<String, List<VerifiedCredential>> verified = vpToken == null
          ? fail(problems, "vp_token is missing") : check(s, vpToken, problems);
      if (verified == null) {
        s.result = new PresentationResult(PresentationResult.Status.REJECTED, null, problems, null);
        return Http.error(400, "invalid_request", String.join("; ", problems));
      }
      s.result = new PresentationResult(PresentationResult.Status.VERIFIED, verified, List.of(), null);
      ObjectNode body = Http.object();
      if (s.redirectUri != null) {
        String code = token(24);
        byResponseCode.put(code, s);
        body.put("redirect_uri", s.redirectUri + (s.redirectUri.contains("?") ? "&" : "?") + "response_code=" + code);
      }
      return Http.json(200, body);
    }
  }

  private static <T> T fail(List<String> problems, String problem) {
    problems.add(problem);
    return null;
  }

  /** Checks a {@code vp_token} against the session's query; null with problems when it does not pass. */
  private Map<String, List<VerifiedCredential>> check(Session s, String vpToken, List<String> problems) {
    ObjectNode token = Http.parseObject(vpToken.getBytes(StandardCharsets.UTF_8));
    if (token == null) {
      return fail(problems, "vp_token must be a JSON object keyed by credential query id");
    }
    Map<String, List<VerifiedCredential>> out = new LinkedHashMap<>();
    var fields = token.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      CredentialQuery q = s.query.credential(e.getKey());
      if (q == null) {
        return fail(problems, "vp_token answers " + clip(e.getKey()) + ", which the query did not ask for");
      }
      List<String> presentations = new ArrayList<>();
      JsonNode v = e.getValue();
      if (v.isTextual()) {
        presentations.add(v.asText());
      } else if (v.isArray() && !v.isEmpty() && v.size() <= MAX_PRESENTATIONS) {
        for (JsonNode x : v) {
          if (!x.isTextual()) {
            return fail(problems, q.id() + ": presentations must be strings");
          }
          presentations.add(x.asText());
        }
      } else {
        return fail(problems, q.id() + ": expected an array of 1.." + MAX_PRESENTATIONS + " presentations");
      }
      if (!q.multiple() && presentations.size() > 1) {
        return fail(problems, q.id() + ": the query allows one presentation, found " + presentations.size());
      }
      List<VerifiedCredential> creds = new ArrayList<>();
      for (String p : presentations) {
        VerifiedCredential c = checkOne(q, p, s.nonce, problems);
        if (c == null) {
          return null;
        }
        creds.add(c);
      }
      out.put(q.id(), creds);
    }
    // Which credential queries must be answered: all of them, or one option of each required credential set.
    if (s.query.credentialSets().isEmpty()) {
      for (CredentialQuery q : s.query.credentials()) {
        if (!out.containsKey(q.id())) {
          return fail(problems, "no presentation for " + q.id());
        }
      }
    } else {
      Set<String> allowed = new LinkedHashSet<>();
      for (DcqlQuery.CredentialSet set : s.query.credentialSets()) {
        List<String> chosen = set.options().stream().filter(o -> out.keySet().containsAll(o)).findFirst()
            .orElse(null);
        if (chosen == null && set.required()) {
          return fail(problems, "no option of a required credential set is answered: " + set.options());
        }
        if (chosen != null) {
          allowed.addAll(chosen);
        }
      }
      for (String id : out.keySet()) {
        if (!allowed.contains(id)) {
          return fail(problems, "presentation for " + id + " belongs to no answered option of a credential set");
        }
      }
    }
    return out;
  }

  private VerifiedCredential checkOne(CredentialQuery q, String presentation, String nonce, List<String> problems) {
    VerificationResult r = verifier.verify(presentation, nonce);
    if (!(r instanceof VerificationResult.Verified v)) {
      r.problems().forEach(p -> problems.add(q.id() + ": " + p.code().code() + ": " + p.detail()));
      return null;
    }
    VerifiedCredential c;
    if (q.format().equals(CredentialQuery.DC_SD_JWT)) {
      c = v.credential();
      if (v.credentials().size() != 1 || c.format() != CredentialFormat.SD_JWT_VC || presentation.startsWith("ey")
          && presentation.indexOf('~') < 0) {
        return fail(problems, q.id() + ": expected one SD-JWT VC presentation (dc+sd-jwt)");
      }
      if (!q.vctValues().isEmpty() && !q.vctValues().contains(c.types().get(0))) {
        return fail(problems, q.id() + ": vct " + c.types().get(0) + " is not one of " + q.vctValues());
      }
    } else {
      if (v.credentials().size() != 1 || v.credential().format() != CredentialFormat.VC_JWT
          || v.holder().isEmpty()) {
        return fail(problems, q.id() + ": expected a vp+jwt carrying one vc+jwt credential (jwt_vc_json)");
      }
      c = v.credential();
      Object subjectId = c.claim("credentialSubject/id").orElse(null);
      if (!v.holder().get().equals(subjectId)) {
        return fail(problems, q.id() + ": the credential's subject is not the presenting holder");
      }
      boolean typeOk = q.typeValues().stream().anyMatch(opt -> c.types().containsAll(opt));
      if (!typeOk) {
        return fail(problems, q.id() + ": types " + c.types() + " match none of " + q.typeValues());
      }
    }
    // Requested claims: all of them, or the first claim set that is fully present.
    List<ClaimsQuery> wanted = q.claims();
    if (!q.claimSets().isEmpty()) {
      wanted = null;
      for (List<String> set : q.claimSets()) {
        List<ClaimsQuery> cs = q.claims().stream().filter(cl -> set.contains(cl.id())).toList();
        if (cs.stream().allMatch(cl -> present(c.claims(), cl))) {
          wanted = cs;
          break;
        }
      }
      if (wanted == null) {
        return fail(problems, q.id() + ": no claim set of the query is fully disclosed");
      }
    } else {
      for (ClaimsQuery cl : wanted) {
        if (!present(c.claims(), cl)) {
          return fail(problems, q.id() + ": requested claim " + cl.slashPath() + " is missing"
              + (cl.values() != null ? " or not one of the accepted values" : ""));
        }
      }
    }
    if (q.format().equals(CredentialQuery.DC_SD_JWT)) {
      // Nothing beyond the request: every disclosure must lie on the way to, at, or below a requested claim.
      int kb = presentation.lastIndexOf('~');
      Set<String> disclosed;
      try {
        disclosed = SdJwtPresentation.disclosablePaths(presentation.substring(0, kb + 1));
      } catch (IllegalArgumentException e) {
        return fail(problems, q.id() + ": the presentation's disclosures cannot be read");
      }
      List<String> extra = new ArrayList<>();
      for (String d : disclosed) {
        if (wanted.stream().noneMatch(w -> related(d, w.path()))) {
          extra.add(d);
        }
      }
      if (!extra.isEmpty()) {
        java.util.Collections.sort(extra);
        return fail(problems, q.id() + ": discloses claims that were not requested: " + extra);
      }
    }
    return c;
  }

  /** Whether disclosed path {@code d} is an ancestor of, equal to, or below the requested {@code path}. */
  private static boolean related(String d, List<Object> path) {
    String[] segs = d.isEmpty() ? new String[0] : d.split("/");
    int n = Math.min(segs.length, path.size());
    for (int i = 0; i < n; i++) {
      Object want = path.get(i);
      if (want != null && !want.toString().equals(segs[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether the claim a query names is in {@code claims} (with one of its values, when it lists values). */
  static boolean present(Object node, ClaimsQuery q) {
    List<Object> found = new ArrayList<>();
    select(node, q.path(), 0, found);
    if (found.isEmpty()) {
      return false;
    }
    if (q.values() == null) {
      return true;
    }
    for (Object f : found) {
      for (Object v : q.values()) {
        if (Objects.equals(f, v) || (f instanceof Number a && v instanceof Number b
            && a.toString().equals(b.toString()))) {
          return true;
        }
      }
    }
    return false;
  }

  private static void select(Object node, List<Object> path, int i, List<Object> out) {
    if (i == path.size()) {
      if (node != null) {
        out.add(node);
      }
      return;
    }
    Object seg = path.get(i);
    if (seg instanceof String name && node instanceof Map<?, ?> m && m.containsKey(name)) {
      select(m.get(name), path, i + 1, out);
    } else if (seg instanceof Integer idx && node instanceof List<?> l && idx < l.size()) {
      select(l.get(idx), path, i + 1, out);
    } else if (seg == null && node instanceof List<?> l) {
      for (Object e : l) {
        select(e, path, i + 1, out);
      }
    }
  }

  // ---------------------------------------------------------------- state

  private void purge() {
    // Keep finished sessions a while after expiry so that pages can still read their result.
    Instant cutoff = clock.instant().minus(Duration.ofMinutes(10));
    byTransaction.values().removeIf(s -> s.expiresAt.isBefore(cutoff));
    byRequest.values().removeIf(s -> s.expiresAt.isBefore(cutoff));
    byState.values().removeIf(s -> s.expiresAt.isBefore(cutoff));
    byResponseCode.values().removeIf(s -> s.expiresAt.isBefore(cutoff));
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  private static final class Session {
    final String transactionId;
    final String requestId;
    final String state;
    final String nonce;
    final DcqlQuery query;
    final String purpose;
    final String redirectUri;
    final Instant expiresAt;
    boolean answered;
    PresentationResult result;

    Session(String transactionId, String requestId, String state, String nonce, DcqlQuery query, String purpose,
        String redirectUri, Instant expiresAt) {
      this.transactionId = transactionId;
      this.requestId = requestId;
      this.state = state;
      this.nonce = nonce;
      this.query = query;
      this.purpose = purpose;
      this.redirectUri = redirectUri;
      this.expiresAt = expiresAt;
    }

    boolean expired(Instant now) {
      return now.isAfter(expiresAt);
    }

    synchronized PresentationResult current(Instant now) {
      if (result != null) {
        return result;
      }
      return expired(now) ? new PresentationResult(PresentationResult.Status.EXPIRED, null,
          List.of("no answer before " + expiresAt), null) : PresentationResult.pending();
    }
  }

  @Override
  public String toString() {
    return "VerifierService{" + clientId + "}";
  }

  /** Builds a {@link VerifierService}. Not thread-safe. */
  public static final class Builder {
    private String baseUrl;
    private Signer signer;
    private String did;
    private String keyId;
    private boolean unsigned;
    private Function<String, Verifier> policy;
    private Clock clock = Clock.systemUTC();
    private Duration ttl = Duration.ofMinutes(5);

    private Builder() {}

    /** The public URL the routes are mounted at ({@code https}, or {@code http} on loopback). Required. */
    public Builder baseUrl(String url) {
      java.net.URI u = java.net.URI.create(Objects.requireNonNull(url, "url"));
      boolean loopback = "http".equals(u.getScheme()) && u.getHost() != null
          && (u.getHost().equals("127.0.0.1") || u.getHost().equals("localhost"));
      if (!("https".equals(u.getScheme()) || loopback) || u.getQuery() != null || u.getFragment() != null) {
        throw new IllegalArgumentException("base URL must be https (http only on loopback), without query: " + url);
      }
      this.baseUrl = url.replaceAll("/+$", "");
      return this;
    }

    /** Sign request objects with the key of {@code did} ({@code kid} a verification method of it). */
    public Builder requestSigner(Signer signer, String did, String keyId) {
      this.signer = Objects.requireNonNull(signer, "signer");
      this.did = Objects.requireNonNull(did, "did");
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      if (!did.startsWith("did:") || !keyId.startsWith(did + "#")) {
        throw new IllegalArgumentException("the kid must be a verification method of " + did + ", found " + keyId);
      }
      return this;
    }

    /** Unsigned request objects under the {@code redirect_uri} client id prefix. Explicit leniency (development). */
    public Builder unsignedRequests() {
      this.unsigned = true;
      return this;
    }

    /**
     * The presentation policy, built for the client id this function receives: it must use
     * {@code audience(clientId)} and {@code noncePerRequest()}. Required.
     */
    public Builder verifier(Function<String, Verifier> policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a request stays answerable; 5 minutes by default, at most an hour. */
    public Builder requestTtl(Duration ttl) {
      if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("request TTL must be positive and at most an hour, found " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /**
     * Builds the service.
     *
     * @throws IllegalStateException when a required choice is missing or both signing choices were made
     */
    public VerifierService build() {
      if (baseUrl == null) {
        throw new IllegalStateException("baseUrl(...) is required");
      }
      if ((signer != null) == unsigned) {
        throw new IllegalStateException("choose exactly one of requestSigner(...), unsignedRequests()");
      }
      if (policy == null) {
        throw new IllegalStateException("verifier(clientId -> ...) is required");
      }
      return new VerifierService(this);
    }
  }
}
