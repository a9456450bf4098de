package io.zhixin.oid4vci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWK;
import com.sun.net.httpserver.HttpServer;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.vc.VcJwtIssuer;
import io.zhixin.credentials.vc.VerifiableCredential;
import io.zhixin.did.Did;
import io.zhixin.did.DidDereferencingResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.http.Http;
import io.zhixin.http.HttpAnswer;
import io.zhixin.http.HttpCall;
import io.zhixin.http.QrCodes;
import io.zhixin.keys.Jws;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.PublicKeys;
import io.zhixin.keys.Signer;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
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
import java.util.regex.Pattern;

/**
 * An OpenID4VCI 1.0 credential issuer with its own authorization server for the pre-authorized code flow. Build
 * one per issuer and share it: thread-safe; offers, codes, tokens and nonces live in memory.
 *
 * <h2>Routes</h2> (relative to the issuer URL given to the builder)
 * <ul>
 *   <li>{@code GET /.well-known/openid-credential-issuer}: credential issuer metadata (§12.2)</li>
 *   <li>{@code GET /.well-known/oauth-authorization-server}: authorization server metadata (RFC 8414)</li>
 *   <li>{@code GET /offers/{id}}: the offer JSON behind a {@code credential_offer_uri};
 *       {@code GET /offers/{id}/qr.png}: its QR code</li>
 *   <li>{@code POST /token}: pre-authorized code grant with {@code tx_code} (§6)</li>
 *   <li>{@code POST /nonce}: a fresh {@code c_nonce} (§7)</li>
 *   <li>{@code POST /credential}: the credential endpoint (§8), one credential per key proof</li>
 * </ul>
 * {@link #mount(HttpServer, String)} serves them on a JDK HTTP server, including the well-known paths with the
 * issuer path inserted after the host (§12.2.2); {@link #handle(HttpCall)} serves them from any other server.
 *
 * <h2>What this checks</h2>
 * Pre-authorized codes are single-use and expire ({@link Builder#codeTtl}); a wrong {@code tx_code} is
 * {@code invalid_grant} and the code dies after {@link Builder#maxTxCodeAttempts} wrong tries. Access tokens are
 * opaque, short-lived ({@link Builder#accessTokenTtl}) and issue each offered configuration once. Each key proof
 * must be a JWS with {@code typ openid4vci-proof+jwt}, an accepted asymmetric algorithm, exactly one of
 * {@code jwk} or a DID {@code kid}, a valid signature, {@code aud} equal to the issuer URL, an {@code iat} within
 * {@link Builder#proofMaxAge} (plus {@link Builder#clockSkew}), and a {@code c_nonce} from the nonce endpoint that
 * has not expired and was never used before. Errors carry the codes and statuses of OpenID4VCI 1.0 §6.3 and
 * §8.3.1.2 and RFC 6750.
 *
 * <pre>{@code
 * CredentialIssuerService issuer = CredentialIssuerService.builder()
 *     .issuerUrl("https://gaj.chancheng.gov.cn/vci")
 *     .signer(signer, "did:web:gaj.chancheng.gov.cn", "did:web:gaj.chancheng.gov.cn#key-1")
 *     .configuration(CredentialConfiguration.sdJwt("identity", vct).displayName("居民身份凭证").build())
 *     .build();
 * issuer.mount(httpServer, "/vci");
 * CredentialOffer offer = issuer.offer("identity", CredentialData.sdJwt(claims));
 * show(offer.qrPng(400)); sendSms(offer.txCode().orElseThrow());
 * }</pre>
 */
public final class CredentialIssuerService {
  /** The pre-authorized code grant type. */
  public static final String PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
  /** The {@code typ} of key proofs. */
  public static final String PROOF_TYPE = "openid4vci-proof+jwt";
  /** Most key proofs (so credentials) per credential request. */
  public static final int BATCH_SIZE = 10;
  /** Most unexpired, unused nonces held at once; the nonce endpoint answers 503 beyond it. */
  public static final int MAX_OPEN_NONCES = 100_000;

  private static final System.Logger LOG = System.getLogger(CredentialIssuerService.class.getName());
  private static final Set<JWSAlgorithm> PROOF_ALGS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA,
      JWSAlgorithm.ES256K);
  private static final Pattern OFFER_PATH = Pattern.compile("/offers/([A-Za-z0-9_-]{16,64})(/qr\\.png)?");
  private static final String META_VCI = "/.well-known/openid-credential-issuer";
  private static final String META_AS = "/.well-known/oauth-authorization-server";

  private final String issuerUrl;
  private final String issuerId;
  private final Map<String, CredentialConfiguration> configurations;
  private final SdJwtVcIssuer sdJwt;
  private final VcJwtIssuer vcJwt;
  private final String signingAlg;
  private final DidResolver dids;
  private final Clock clock;
  private final Duration codeTtl;
  private final Duration tokenTtl;
  private final Duration nonceTtl;
  private final Duration proofMaxAge;
  private final Duration skew;
  private final int maxTxAttempts;
  private final String displayName;
  private final SecureRandom random = new SecureRandom();

  private final Map<String, OfferState> offersById = new ConcurrentHashMap<>();
  private final Map<String, OfferState> offersByCode = new ConcurrentHashMap<>();
  private final Map<String, TokenState> tokens = new ConcurrentHashMap<>();
  private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

  private CredentialIssuerService(Builder b) {
    this.issuerUrl = b.issuerUrl;
    this.issuerId = b.issuerId;
    this.configurations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.configurations));
    this.clock = b.clock;
    this.sdJwt = SdJwtVcIssuer.builder().signer(b.signer).issuer(b.issuerId).keyId(b.keyId).clock(b.clock).build();
    this.vcJwt = VcJwtIssuer.builder().signer(b.signer).issuer(b.issuerId).keyId(b.keyId).clock(b.clock).build();
    this.signingAlg = b.signer.keyType().jwsAlgorithm().getName();
    this.dids = b.dids;
    this.codeTtl = b.codeTtl;
    this.tokenTtl = b.tokenTtl;
    this.nonceTtl = b.nonceTtl;
    this.proofMaxAge = b.proofMaxAge;
    this.skew = b.skew;
    this.maxTxAttempts = b.maxTxAttempts;
    this.displayName = b.displayName;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The credential issuer identifier (its URL, no trailing slash). */
  public String issuerUrl() {
    return issuerUrl;
  }

  /** The configurations this issuer offers, by id. */
  public Map<String, CredentialConfiguration> configurations() {
    return configurations;
  }

  // ---------------------------------------------------------------- offers

  /** Offers one credential with a 6-digit numeric transaction code. */
  public CredentialOffer offer(String configurationId, CredentialData data) {
    return newOffer().credential(configurationId, data).create();
  }

  /** Starts an offer of one or more credentials. */
  public OfferBuilder newOffer() {
    return new OfferBuilder();
  }

  /** Builds one credential offer. Not thread-safe. */
  public final class OfferBuilder {
    private final Map<String, CredentialData> credentials = new LinkedHashMap<>();
    private String txCode;
    private boolean noTxCode;
    private int txLength = 6;
    private String txDescription = "请输入短信中的验证码 / Enter the code sent to you by SMS";

    private OfferBuilder() {}

    /**
     * Adds a credential of configuration {@code configurationId} with {@code data}.
     *
     * @throws IllegalArgumentException for an unknown configuration or data of the wrong format
     */
    public OfferBuilder credential(String configurationId, CredentialData data) {
      CredentialConfiguration c = configurations.get(configurationId);
      if (c == null) {
        throw new IllegalArgumentException("unknown credential configuration " + configurationId + "; known: "
            + configurations.keySet());
      }
      if (!Objects.requireNonNull(data, "data").fits(c.format())) {
        throw new IllegalArgumentException("configuration " + configurationId + " is " + c.format().id()
            + "; use CredentialData." + (c.format() == CredentialFormatId.DC_SD_JWT ? "sdJwt" : "vcJwt") + "(...)");
      }
      credentials.put(configurationId, data);
      return this;
    }

    /** Uses this numeric transaction code instead of a random one. */
    public OfferBuilder txCode(String digits) {
      if (digits == null || !digits.matches("[0-9]{4,12}")) {
        throw new IllegalArgumentException("a transaction code must be 4..12 digits");
      }
      this.txCode = digits;
      this.txLength = digits.length();
      return this;
    }

    /** The text a wallet shows when asking for the code. */
    public OfferBuilder txCodeDescription(String description) {
      if (description == null || description.length() > 300) {
        throw new IllegalArgumentException("tx_code description must be at most 300 characters");
      }
      this.txDescription = description;
      return this;
    }

    /** No transaction code: whoever holds the offer gets the credential. Explicit leniency. */
    public OfferBuilder withoutTxCode() {
      this.noTxCode = true;
      return this;
    }

    /**
     * Creates the offer.
     *
     * @throws IllegalStateException when no credential was added
     */
    public CredentialOffer create() {
      if (credentials.isEmpty()) {
        throw new IllegalStateException("an offer needs at least one credential");
      }
      purge();
      String code = noTxCode ? null : (txCode != null ? txCode : digits(txLength));
      OfferState s = new OfferState(token(24), token(32), code, Map.copyOf(credentials),
          List.copyOf(credentials.keySet()), clock.instant().plus(codeTtl));
      ObjectNode json = Http.object().put("credential_issuer", issuerUrl);
      ArrayNode ids = json.putArray("credential_configuration_ids");
      s.order.forEach(ids::add);
      ObjectNode grant = json.putObject("grants").putObject(PRE_AUTHORIZED_GRANT);
      grant.put("pre-authorized_code", s.code);
      if (code != null) {
        grant.putObject("tx_code").put("input_mode", "numeric").put("length", code.length())
            .put("description", txDescription);
      }
      s.json = json.toString();
      offersById.put(s.id, s);
      offersByCode.put(s.code, s);
      return new CredentialOffer(s.id, s.json, issuerUrl + "/offers/" + s.id, code, s.order, s.expiresAt);
    }
  }

  // ---------------------------------------------------------------- HTTP

  /**
   * Serves the issuer under {@code basePath} of {@code server}, plus the well-known metadata paths with
   * {@code basePath} appended (§12.2.2, RFC 8414 §3). The caller starts and stops the server.
   */
  public void mount(HttpServer server, String basePath) {
    String base = basePath == null || basePath.equals("/") ? "" : basePath.replaceAll("/+$", "");
    Http.mount(server, base, this::handle, LOG);
    if (!base.isEmpty()) {
      Http.mount(server, META_VCI + base, c -> handle(new HttpCall(c.method(), META_VCI, c.query(), c.headers(),
          c.body())), LOG);
      Http.mount(server, META_AS + base, c -> handle(new HttpCall(c.method(), META_AS, c.query(), c.headers(),
          c.body())), LOG);
    }
  }

  /**
   * Answers one request; {@code call.path()} is relative to the issuer URL. Never throws for bad input.
   */
  public HttpAnswer handle(HttpCall call) {
    String p = call.path();
    String m = call.method();
    switch (p) {
      case META_VCI:
        return get(m) ? Http.json(200, issuerMetadata()) : notAllowed();
      case META_AS:
        return get(m) ? Http.json(200, authorizationServerMetadata()) : notAllowed();
      case "/token":
        return "POST".equals(m) ? token(call) : notAllowed();
      case "/nonce":
        return "POST".equals(m) ? nonce() : notAllowed();
      case "/credential":
        return "POST".equals(m) ? credential(call) : notAllowed();
      default:
        var matcher = OFFER_PATH.matcher(p);
        if (matcher.matches()) {
          if (!get(m)) {
            return notAllowed();
          }
          OfferState s = offersById.get(matcher.group(1));
          if (s == null || s.expired(clock.instant()) || s.redeemed) {
            return Http.error(404, "not_found", "no such credential offer (unknown, expired or already used)");
          }
          if (matcher.group(2) != null) {
            return Http.bytes(200, "image/png", QrCodes.png("openid-credential-offer://?credential_offer_uri="
                + java.net.URLEncoder.encode(issuerUrl + "/offers/" + s.id, java.nio.charset.StandardCharsets.UTF_8),
                400));
          }
          return Http.bytes(200, "application/json", s.json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return Http.error(404, "not_found", "no such endpoint");
    }
  }

  private static boolean get(String m) {
    return "GET".equals(m) || "HEAD".equals(m);
  }

  private static HttpAnswer notAllowed() {
    return Http.error(405, "invalid_request", "method not allowed");
  }

  /** The credential issuer metadata (OpenID4VCI 1.0 §12.2.4). */
  public ObjectNode issuerMetadata() {
    ObjectNode n = Http.object().put("credential_issuer", issuerUrl)
        .put("credential_endpoint", issuerUrl + "/credential")
        .put("nonce_endpoint", issuerUrl + "/nonce");
    n.putObject("batch_credential_issuance").put("batch_size", BATCH_SIZE);
    if (displayName != null) {
      n.putArray("display").addObject().put("name", displayName);
    }
    ObjectNode all = n.putObject("credential_configurations_supported");
    for (CredentialConfiguration c : configurations.values()) {
      ObjectNode o = all.putObject(c.id()).put("format", c.format().id());
      if (c.format() == CredentialFormatId.DC_SD_JWT) {
        o.put("vct", c.vct());
        o.putArray("cryptographic_binding_methods_supported").add("jwk");
      } else {
        ArrayNode t = o.putObject("credential_definition").putArray("type").add("VerifiableCredential");
        c.types().forEach(t::add);
        o.putArray("cryptographic_binding_methods_supported").add("did:jwk").add("did:key");
      }
      o.putArray("credential_signing_alg_values_supported").add(signingAlg);
      ArrayNode algs = o.putObject("proof_types_supported").putObject("jwt")
          .putArray("proof_signing_alg_values_supported");
      PROOF_ALGS.stream().map(JWSAlgorithm::getName).sorted().forEach(algs::add);
      if (c.displayName() != null || !c.claimNames().isEmpty()) {
        ObjectNode meta = o.putObject("credential_metadata");
        if (c.displayName() != null) {
          meta.putArray("display").addObject().put("name", c.displayName());
        }
        if (!c.claimNames().isEmpty()) {
          ArrayNode claims = meta.putArray("claims");
          c.claimNames().forEach((path, name) -> {
            ObjectNode cl = claims.addObject();
            ArrayNode pa = cl.putArray("path");
            if (c.format() == CredentialFormatId.JWT_VC_JSON) {
              pa.add("credentialSubject");
            }
            for (String seg : path.split("/")) {
              pa.add(seg);
            }
            cl.putArray("display").addObject().put("name", name);
          });
        }
      }
    }
    return n;
  }

  /** The authorization server metadata (RFC 8414), for the pre-authorized code grant only. */
  public ObjectNode authorizationServerMetadata() {
    ObjectNode n = Http.object().put("issuer", issuerUrl).put("token_endpoint", issuerUrl + "/token");
    n.putArray("grant_types_supported").add(PRE_AUTHORIZED_GRANT);
    n.putArray("response_types_supported");
    n.putArray("token_endpoint_auth_methods_supported").add("none");
    n.put("pre-authorized_grant_anonymous_access_supported", true);
    return n;
  }

  // ---------------------------------------------------------------- token endpoint

  private HttpAnswer token(HttpCall call) {
    if (!Http.contentType(call, "application/x-www-form-urlencoded")) {
      return Http.error(400, "invalid_request", "the token request must be application/x-www-form-urlencoded");
    }
    Map<String, String> form = Http.form(call);
    if (form == null) {
      return Http.error(400, "invalid_request", "the token request is not valid form encoding");
    }
    String grant = form.get("grant_type");
    if (grant == null || grant.isEmpty()) {
      return Http.error(400, "invalid_request", "grant_type is missing");
    }
    if (!PRE_AUTHORIZED_GRANT.equals(grant)) {
      return Http.error(400, "unsupported_grant_type", "only " + PRE_AUTHORIZED_GRANT + " is supported");
    }
    String code = form.get("pre-authorized_code");
    if (code == null || code.isEmpty()) {
      return Http.error(400, "invalid_request", "pre-authorized_code is missing");
    }
    String tx = form.get("tx_code");
    Instant now = clock.instant();
    OfferState s = offersByCode.get(code);
    if (s == null) {
      return Http.error(400, "invalid_grant", "the pre-authorized code is unknown, expired or already used");
    }
    synchronized (s) {
      if (s.redeemed || s.expired(now)) {
        forget(s);
        return Http.error(400, "invalid_grant", "the pre-authorized code is unknown, expired or already used");
      }
      if (s.txCode == null && tx != null) {
        return Http.error(400, "invalid_request", "tx_code was sent but this offer has none");
      }
      if (s.txCode != null && (tx == null || tx.isEmpty())) {
        return Http.error(400, "invalid_request", "this offer requires tx_code");
      }
      if (s.txCode != null && !MessageDigest.isEqual(s.txCode.getBytes(java.nio.charset.StandardCharsets.UTF_8),
          tx.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
        s.failedAttempts++;
        if (s.failedAttempts >= maxTxAttempts) {
          forget(s);
          return Http.error(400, "invalid_grant", "wrong tx_code; too many attempts, the offer is now void");
        }
        return Http.error(400, "invalid_grant", "wrong tx_code (" + (maxTxAttempts - s.failedAttempts)
            + " attempts left)");
      }
      s.redeemed = true;
      forget(s);
    }
    String token = token(32);
    tokens.put(token, new TokenState(s, now.plus(tokenTtl)));
    ObjectNode body = Http.object().put("access_token", token).put("token_type", "Bearer")
        .put("expires_in", tokenTtl.toSeconds());
    return Http.json(200, body).withHeader("Pragma", "no-cache");
  }

  private void forget(OfferState s) {
    offersByCode.remove(s.code, s);
    offersById.remove(s.id, s);
  }

  // ---------------------------------------------------------------- nonce endpoint

  private HttpAnswer nonce() {
    purge();
    if (nonces.size() >= MAX_OPEN_NONCES) {
      // Each nonce lives nonceTtl; a flood of nonce requests must not grow memory without bound.
      return Http.error(503, "temporarily_unavailable", "too many open nonces; retry later")
          .withHeader("Retry-After", "5");
    }
    String n = token(24);
    nonces.put(n, clock.instant().plus(nonceTtl));
    return Http.json(200, Http.object().put("c_nonce", n));
  }

  // ---------------------------------------------------------------- credential endpoint

  private HttpAnswer credential(HttpCall call) {
    String auth = call.header("authorization");
    if (auth == null || auth.isBlank()) {
      return new HttpAnswer(401, null, Map.of("WWW-Authenticate", "Bearer", "Cache-Control", "no-store"), null);
    }
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return invalidToken("the Authorization header must use the Bearer scheme");
    }
    Instant now = clock.instant();
    TokenState t = tokens.get(auth.substring(7).trim());
    if (t == null || now.isAfter(t.expiresAt)) {
      if (t != null) {
        tokens.values().remove(t);
      }
      return invalidToken("the access token is unknown or expired");
    }
    if (!Http.contentType(call, "application/json")) {
      return Http.error(400, "invalid_credential_request", "the credential request must be application/json");
    }
    ObjectNode req = Http.parseObject(call.body());
    if (req == null) {
      return Http.error(400, "invalid_credential_request", "the body is not a JSON object");
    }
    if (req.has("credential_identifier")) {
      return Http.error(400, "unknown_credential_identifier",
          "this issuer issues by credential_configuration_id; no credential identifiers were issued");
    }
    JsonNode cid = req.get("credential_configuration_id");
    if (cid == null || !cid.isTextual()) {
      return Http.error(400, "invalid_credential_request", "credential_configuration_id is missing");
    }
    CredentialConfiguration config = configurations.get(cid.asText());
    if (config == null) {
      return Http.error(400, "unknown_credential_configuration", "unknown credential_configuration_id "
          + clip(cid.asText()));
    }
    if (!t.offer.credentials.containsKey(config.id())) {
      return Http.error(400, "credential_request_denied", "configuration " + config.id()
          + " was not offered under this access token");
    }
    if (req.has("proof")) {
      return Http.error(400, "invalid_credential_request", "use proofs (OpenID4VCI 1.0), not proof");
    }
    JsonNode proofs = req.get("proofs");
    if (proofs == null) {
      return Http.error(400, "invalid_proof", "proofs is missing; every credential is bound to a key");
    }
    if (!proofs.isObject() || proofs.size() != 1 || !proofs.has("jwt")) {
      return Http.error(400, "invalid_proof", "proofs must hold exactly one proof type, jwt");
    }
    JsonNode jwts = proofs.get("jwt");
    if (!jwts.isArray() || jwts.isEmpty() || jwts.size() > BATCH_SIZE) {
      return Http.error(400, "invalid_proof", "proofs.jwt must be an array of 1.." + BATCH_SIZE + " JWTs");
    }
    List<ProofKey> keys = new ArrayList<>();
    Set<String> usedNonces = new LinkedHashSet<>();
    for (JsonNode j : jwts) {
      if (!j.isTextual()) {
        return Http.error(400, "invalid_proof", "each proof must be a compact JWS string");
      }
      Object r = checkProof(j.asText(), now);
      if (r instanceof HttpAnswer a) {
        return a;
      }
      ProofKey k = (ProofKey) r;
      keys.add(k);
      usedNonces.add(k.nonce);
    }
    // All proofs are good: consume their nonces (once each; a nonce used before is a replay).
    for (String n : usedNonces) {
      Instant exp = nonces.remove(n);
      if (exp == null || now.isAfter(exp)) {
        return Http.error(400, "invalid_nonce", "c_nonce already used or expired; fetch a new one from "
            + issuerUrl + "/nonce");
      }
    }
    String token = auth.substring(7).trim();
    synchronized (t) {
      if (!t.issued.add(config.id())) {
        return Http.error(400, "credential_request_denied", "configuration " + config.id()
            + " was already issued under this access token");
      }
      if (t.issued.containsAll(t.offer.credentials.keySet())) {
        tokens.remove(token, t);
      }
    }
    CredentialData data = t.offer.credentials.get(config.id());
    ArrayNode out = Http.json().createArrayNode();
    try {
      for (ProofKey k : keys) {
        out.addObject().put("credential", issue(config, data, k, now));
      }
    } catch (IllegalArgumentException | KeyException e) {
      // Nothing was handed out: the configuration stays issuable under this token.
      synchronized (t) {
        t.issued.remove(config.id());
        tokens.putIfAbsent(token, t);
      }
      LOG.log(System.Logger.Level.WARNING, "cannot issue " + config.id() + ": " + e.getMessage());
      return Http.error(400, "credential_request_denied", "the issuer cannot issue this credential");
    }
    ObjectNode body = Http.object();
    body.set("credentials", out);
    return Http.json(200, body);
  }

  private String issue(CredentialConfiguration c, CredentialData d, ProofKey k, Instant now) {
    if (c.format() == CredentialFormatId.DC_SD_JWT) {
      return sdJwt.issue(c.vct(), d.sdClaims(), k.jwk, d.validUntilOrNull(), d.statusEntries());
    }
    Map<String, Object> subject = new LinkedHashMap<>();
    subject.put("id", k.holderDid);
    subject.putAll(d.subject());
    VerifiableCredential.Builder vc = VerifiableCredential.builder().issuer(issuerId).validFrom(now)
        .subject(subject);
    c.types().forEach(vc::type);
    if (d.validUntilOrNull() != null) {
      vc.validUntil(d.validUntilOrNull());
    }
    d.statusEntries().forEach(vc::status);
    return vcJwt.issue(vc.build());
  }

  private record ProofKey(JWK jwk, String holderDid, String nonce) {}

  /** Checks one key proof (Appendix F.1, §8.2.1.1); returns a {@link ProofKey} or the error answer. */
  private Object checkProof(String jwt, Instant now) {
    JWSObject jws;
    try {
      jws = JWSObject.parse(jwt);
    } catch (ParseException e) {
      return Http.error(400, "invalid_proof", "the proof is not a compact JWS");
    }
    JWSHeader h = jws.getHeader();
    if (h.getType() == null || !PROOF_TYPE.equals(h.getType().getType())) {
      return Http.error(400, "invalid_proof", "proof typ must be " + PROOF_TYPE + ", found " + h.getType());
    }
    if (!PROOF_ALGS.contains(h.getAlgorithm())) {
      return Http.error(400, "invalid_proof", "proof alg " + h.getAlgorithm() + " is not accepted; use one of "
          + PROOF_ALGS);
    }
    if (h.getCriticalParams() != null && !h.getCriticalParams().isEmpty()) {
      return Http.error(400, "invalid_proof", "critical header parameters are not understood");
    }
    int keyParams = (h.getJWK() != null ? 1 : 0) + (h.getKeyID() != null ? 1 : 0)
        + (h.getX509CertChain() != null ? 1 : 0) + (h.getCustomParam("trust_chain") != null ? 1 : 0);
    if (keyParams != 1) {
      return Http.error(400, "invalid_proof", "the proof header must carry exactly one of jwk or kid");
    }
    JWK key;
    String holderDid;
    if (h.getJWK() != null) {
      if (h.getJWK().isPrivate()) {
        return Http.error(400, "invalid_proof", "the proof's jwk must be a public key");
      }
      try {
        key = PublicKeys.validate(h.getJWK());
        holderDid = DidJwk.create(key).toString();
      } catch (KeyException | IllegalArgumentException e) {
        return Http.error(400, "invalid_proof", "the proof's jwk is not a supported public key");
      }
    } else if (h.getKeyID() != null) {
      String kid = h.getKeyID();
      if (dids == null || !kid.startsWith("did:") || kid.indexOf('#') < 0) {
        return Http.error(400, "invalid_proof", "kid must be a DID URL (did:…#…) this issuer resolves; or send jwk");
      }
      DidDereferencingResult r = dids.dereference(kid);
      if (!r.isSuccess() || r.publicJwk().isEmpty()) {
        return Http.error(400, "invalid_proof", "the proof's kid does not resolve to a public key");
      }
      key = r.publicJwk().get();
      holderDid = Did.parse(kid.substring(0, kid.indexOf('#'))).toString();
    } else {
      return Http.error(400, "invalid_proof", "x5c and trust_chain proofs are not supported; send jwk or kid");
    }
    try {
      if (!jws.verify(Jws.verifier(key))) {
        return Http.error(400, "invalid_proof", "the proof's signature does not verify");
      }
    } catch (JOSEException | KeyException | IllegalArgumentException e) {
      return Http.error(400, "invalid_proof", "the proof's signature does not verify with its key");
    }
    Map<String, Object> claims = jws.getPayload().toJSONObject();
    if (claims == null) {
      return Http.error(400, "invalid_proof", "the proof payload is not a JSON object");
    }
    Object aud = claims.get("aud");
    boolean audOk = issuerUrl.equals(aud) || (aud instanceof List<?> l && l.size() == 1 && issuerUrl.equals(l.get(0)));
    if (!audOk) {
      return Http.error(400, "invalid_proof", "proof aud must be " + issuerUrl + ", found " + clip(String.valueOf(aud)));
    }
    if (!(claims.get("iat") instanceof Number iatN)) {
      return Http.error(400, "invalid_proof", "proof iat is missing");
    }
    Instant iat = Instant.ofEpochSecond(iatN.longValue());
    if (iat.isAfter(now.plus(skew)) || iat.isBefore(now.minus(proofMaxAge).minus(skew))) {
      return Http.error(400, "invalid_proof", "proof iat " + iat + " is outside [now - " + proofMaxAge + ", now]");
    }
    if (claims.get("exp") instanceof Number expN && now.minus(skew).isAfter(Instant.ofEpochSecond(expN.longValue()))) {
      return Http.error(400, "invalid_proof", "the proof has expired");
    }
    if (!(claims.get("nonce") instanceof String nonce) || nonce.isEmpty()) {
      return Http.error(400, "invalid_proof", "proof nonce is missing; fetch a c_nonce from " + issuerUrl + "/nonce");
    }
    Instant exp = nonces.get(nonce);
    if (exp == null || now.isAfter(exp)) {
      return Http.error(400, "invalid_nonce", "c_nonce unknown, expired or already used; fetch a new one from "
          + issuerUrl + "/nonce");
    }
    return new ProofKey(key, holderDid, nonce);
  }

  private static HttpAnswer invalidToken(String description) {
    return Http.error(401, "invalid_token", description).withHeader("WWW-Authenticate",
        "Bearer error=\"invalid_token\", error_description=\"" + description + "\"");
  }

  private static String clip(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  // ---------------------------------------------------------------- state

  private void purge() {
    Instant now = clock.instant();
    offersById.values().removeIf(s -> s.expired(now));
    offersByCode.values().removeIf(s -> s.expired(now));
    tokens.values().removeIf(t -> now.isAfter(t.expiresAt));
    nonces.values().removeIf(e -> now.isAfter(e));
  }

  private String token(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private String digits(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + random.nextInt(10)));
    }
    return sb.toString();
  }

  private static final class OfferState {
    final String id;
    final String code;
    final String txCode;
    final Map<String, CredentialData> credentials;
    final List<String> order;
    final Instant expiresAt;
    String json;
    int failedAttempts;
    boolean redeemed;

    OfferState(String id, String code, String txCode, Map<String, CredentialData> credentials, List<String> order,
        Instant expiresAt) {
      this.id = id;
      this.code = code;
      this.txCode = txCode;
      this.credentials = credentials;
      this.order = order;
      this.expiresAt = expiresAt;
    }

    boolean expired(Instant now) {
      return now.isAfter(expiresAt);
    }
  }

  private static final class TokenState {
    final OfferState offer;
    final Instant expiresAt;
    final Set<String> issued = new java.util.HashSet<>();

    TokenState(OfferState offer, Instant expiresAt) {
      this.offer = offer;
      this.expiresAt = expiresAt;
    }
  }

  @Override
  public String toString() {
    return "CredentialIssuerService{" + issuerUrl + ", " + configurations.keySet() + "}";
  }

  /** Builds a {@link CredentialIssuerService}. Not thread-safe. */
  public static final class Builder {
    private String issuerUrl;
    private String issuerId;
    private String keyId;
    private Signer signer;
    private final Map<String, CredentialConfiguration> configurations = new LinkedHashMap<>();
    private DidResolver dids;
    private Clock clock = Clock.systemUTC();
    private Duration codeTtl = Duration.ofMinutes(10);
    private Duration tokenTtl = Duration.ofMinutes(5);
    private Duration nonceTtl = Duration.ofMinutes(5);
    private Duration proofMaxAge = Duration.ofMinutes(5);
    private Duration skew = Duration.ofSeconds(30);
    private int maxTxAttempts = 3;
    private String displayName;

    private Builder() {}

    /**
     * The credential issuer identifier: the URL the routes are reachable at, {@code https} (or {@code http} on a
     * loopback address for development), without query or fragment. Required.
     */
    public Builder issuerUrl(String url) {
      java.net.URI u;
      try {
        u = java.net.URI.create(Objects.requireNonNull(url, "url"));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("issuer URL is not a URI: " + url);
      }
      boolean loopback = "http".equals(u.getScheme()) && u.getHost() != null
          && (u.getHost().equals("127.0.0.1") || u.getHost().equals("localhost") || u.getHost().equals("[::1]"));
      if (!("https".equals(u.getScheme()) || loopback) || u.getQuery() != null || u.getFragment() != null) {
        throw new IllegalArgumentException("issuer URL must be https (http only on loopback), without query or "
            + "fragment: " + url);
      }
      this.issuerUrl = url.replaceAll("/+$", "");
      return this;
    }

    /** Who signs issued credentials: the signer, the issuer DID ({@code iss}/{@code issuer}) and the kid. Required. */
    public Builder signer(Signer signer, String issuerId, String keyId) {
      this.signer = Objects.requireNonNull(signer, "signer");
      this.issuerId = Objects.requireNonNull(issuerId, "issuerId");
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      return this;
    }

    /** Adds a credential configuration. At least one is required. */
    public Builder configuration(CredentialConfiguration c) {
      if (configurations.putIfAbsent(c.id(), c) != null) {
        throw new IllegalArgumentException("duplicate configuration id " + c.id());
      }
      return this;
    }

    /** Resolves DID {@code kid}s of key proofs; without it only {@code jwk} proofs are accepted. */
    public Builder didResolver(DidResolver dids) {
      this.dids = Objects.requireNonNull(dids, "dids");
      return this;
    }

    /** The issuer's name in metadata, e.g. {@code 佛山市公安局禅城分局}. */
    public Builder displayName(String name) {
      this.displayName = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long an offer's pre-authorized code works; 10 minutes by default, at most a day. */
    public Builder codeTtl(Duration ttl) {
      this.codeTtl = range(ttl, Duration.ofDays(1), "code TTL");
      return this;
    }

    /** How long an access token works; 5 minutes by default, at most an hour. */
    public Builder accessTokenTtl(Duration ttl) {
      this.tokenTtl = range(ttl, Duration.ofHours(1), "access token TTL");
      return this;
    }

    /** How long a {@code c_nonce} works; 5 minutes by default, at most an hour. */
    public Builder nonceTtl(Duration ttl) {
      this.nonceTtl = range(ttl, Duration.ofHours(1), "nonce TTL");
      return this;
    }

    /** How old a key proof's {@code iat} may be; 5 minutes by default, at most an hour. */
    public Builder proofMaxAge(Duration age) {
      this.proofMaxAge = range(age, Duration.ofHours(1), "proof max age");
      return this;
    }

    /** Tolerated clock difference with wallets; 30 seconds by default, at most 5 minutes. */
    public Builder clockSkew(Duration skew) {
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clock skew must be 0..5 minutes, found " + skew);
      }
      this.skew = skew;
      return this;
    }

    /** Wrong transaction codes before an offer is void; 3 by default, 1..10. */
    public Builder maxTxCodeAttempts(int n) {
      if (n < 1 || n > 10) {
        throw new IllegalArgumentException("max tx_code attempts must be 1..10, found " + n);
      }
      this.maxTxAttempts = n;
      return this;
    }

    private static Duration range(Duration d, Duration max, String what) {
      if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(what + " must be positive and at most " + max + ", found " + d);
      }
      return d;
    }

    /**
     * Builds the service.
     *
     * @throws IllegalStateException when the issuer URL, signer or configurations are missing
     */
    public CredentialIssuerService build() {
      if (issuerUrl == null) {
        throw new IllegalStateException("issuerUrl(...) is required");
      }
      if (signer == null) {
        throw new IllegalStateException("signer(...) is required");
      }
      if (configurations.isEmpty()) {
        throw new IllegalStateException("at least one configuration(...) is required");
      }
      return new CredentialIssuerService(this);
    }
  }
}
