package io.zhixin.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.PasswordBasedDecrypter;
import com.nimbusds.jose.crypto.PasswordBasedEncrypter;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.vc.VpJwtPresentation;
import io.zhixin.did.Did;
import io.zhixin.did.DidDereferencingResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.did.web.DidWeb;
import io.zhixin.keys.AtomicFiles;
import io.zhixin.keys.EncryptedKeyStore;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.Signer;
import io.zhixin.wallet.WalletException.Reason;
import io.zhixin.wallet.internal.Dcql;
import io.zhixin.wallet.internal.WalletHttp;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A holder's wallet: one key and the credentials bound to it, kept in two encrypted files in one folder
 * ({@code keys.jwe}, an {@link EncryptedKeyStore}; {@code credentials.jwe}, a JWE with {@code PBES2-HS512+A256KW}
 * and {@code A256GCM} under the same password, rewritten atomically). It receives credentials over OpenID4VCI 1.0
 * (pre-authorized code flow, {@code tx_code}, JWT key proofs) and presents them over OpenID4VP 1.0 (DCQL,
 * {@code direct_post}), disclosing only what a request asks and the holder approves.
 *
 * <p>Thread-safe; one process should own a wallet folder at a time. {@link #close()} wipes the password copy.
 *
 * <pre>{@code
 * try (Wallet w = Wallet.builder().directory(dir).password(pw).open()) {
 *   w.receive(offerUri, "493817");
 *   PresentationRequest req = w.present(requestUri);      // show req.verifierId(), req.purposes(), req.requested()
 *   req.respond(Set.of("name", "age_over_18"));
 * }
 * }</pre>
 */
public final class Wallet implements AutoCloseable {
  private static final String HOLDER = "holder";
  private static final String CREDENTIALS_CTY = "zhixin-credentials+json";
  private static final String PRE_AUTH = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path credentialsFile;
  private final char[] password;
  private final EncryptedKeyStore keys;
  private final KeyPair holder;
  private final DidResolver dids;
  private final Verifier credentialCheck;
  private final WalletHttp http;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private List<StoredCredential> credentials;

  private Wallet(Builder b, EncryptedKeyStore keys, List<StoredCredential> credentials) {
    this.credentialsFile = b.dir.resolve("credentials.jwe");
    this.password = b.password.clone();
    this.keys = keys;
    this.holder = keys.get(HOLDER);
    this.dids = b.dids;
    this.clock = b.clock;
    this.http = new WalletHttp(b.allowHttp);
    this.credentials = credentials;
    // Checks what issuers send: signature with the issuer's DID key, well-formed, in its validity period.
    this.credentialCheck = Verifier.builder().issuerKeys(DidIssuerKeys.of(b.dids)).acceptAnyIssuer().acceptAnyType()
        .ignoreAudience().ignoreNonce().ignoreStatus().allowMissingKeyBinding()
        .acceptedAlgorithms(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.ES256K)
        .clock(b.clock).clockSkew(java.time.Duration.ofMinutes(1)).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The holder's DID (a did:jwk of the wallet key), the subject of W3C credentials issued to it. */
  public String holderDid() {
    return DidJwk.create(holder.publicJwk()).toString();
  }

  /** The stored credentials, oldest first. */
  public synchronized List<StoredCredential> list() {
    return credentials;
  }

  /**
   * Removes a stored credential.
   *
   * @throws IllegalArgumentException for an unknown id
   */
  public synchronized void remove(String credentialId) {
    List<StoredCredential> next = new ArrayList<>(credentials);
    if (!next.removeIf(c -> c.id().equals(credentialId))) {
      throw new IllegalArgumentException("no stored credential " + credentialId);
    }
    write(next);
    credentials = List.copyOf(next);
  }

  // ================================================================= OpenID4VCI

  private record Offer(String issuer, List<String> configurationIds, String code, JsonNode txCode) {}

  /**
   * Reads an offer ({@code openid-credential-offer://?credential_offer=…} or {@code …credential_offer_uri=…}) and
   * the issuer's metadata without redeeming anything.
   *
   * @throws WalletException {@code OFFER_INVALID}, {@code ISSUER_ERROR}, {@code IO}
   */
  public OfferPreview previewOffer(String offerUri) {
    Offer o = readOffer(offerUri);
    JsonNode meta = issuerMetadata(o.issuer);
    List<String> names = new ArrayList<>();
    for (String id : o.configurationIds) {
      JsonNode c = meta.path("credential_configurations_supported").path(id);
      JsonNode d = c.path("credential_metadata").path("display");
      names.add(d.isArray() && !d.isEmpty() ? d.get(0).path("name").asText(id) : id);
    }
    return new OfferPreview(o.issuer, o.configurationIds, names, o.txCode != null,
        o.txCode == null ? 0 : o.txCode.path("length").asInt(0),
        o.txCode == null ? null : o.txCode.path("description").asText(null));
  }

  /**
   * Receives every credential an offer makes: redeems the pre-authorized code (with {@code txCode} when the offer
   * asks for one), proves possession of the wallet key with a fresh {@code c_nonce}, checks each credential
   * (issuer signature, bound to this wallet's key) and stores them.
   *
   * @param txCode the transaction code the issuer sent out of band; null when the offer has none
   * @return the stored credentials
   * @throws WalletException {@code OFFER_INVALID}, {@code TX_CODE_REQUIRED}, {@code ISSUER_ERROR} (e.g.
   *     {@code invalid_grant} for a wrong code), {@code CREDENTIAL_INVALID}, {@code IO}; nothing is stored then
   */
  public List<StoredCredential> receive(String offerUri, String txCode) {
    Offer o = readOffer(offerUri);
    if (o.txCode != null && (txCode == null || txCode.isEmpty())) {
      throw new WalletException(Reason.TX_CODE_REQUIRED, "the offer requires a transaction code"
          + (o.txCode.has("description") ? " (" + o.txCode.path("description").asText() + ")" : ""));
    }
    JsonNode meta = issuerMetadata(o.issuer);
    String asUrl = meta.path("authorization_servers").path(0).asText(o.issuer);
    JsonNode as = wellKnown(asUrl, "/.well-known/oauth-authorization-server");
    String tokenEndpoint = as.path("token_endpoint").asText(null);
    String credentialEndpoint = meta.path("credential_endpoint").asText(null);
    String nonceEndpoint = meta.path("nonce_endpoint").asText(null);
    if (tokenEndpoint == null || credentialEndpoint == null) {
      throw new WalletException(Reason.ISSUER_ERROR, "the issuer's metadata lacks token_endpoint or "
          + "credential_endpoint");
    }
    StringBuilder form = new StringBuilder("grant_type=").append(enc(PRE_AUTH))
        .append("&pre-authorized_code=").append(enc(o.code));
    if (o.txCode != null) {
      form.append("&tx_code=").append(enc(txCode));
    }
    JsonNode token = expectOk(http.postForm(tokenEndpoint, form.toString(), null, Reason.ISSUER_ERROR),
        "token endpoint");
    String accessToken = token.path("access_token").asText(null);
    if (accessToken == null) {
      throw new WalletException(Reason.ISSUER_ERROR, "the token response has no access_token");
    }
    List<StoredCredential> received = new ArrayList<>();
    for (String configId : o.configurationIds) {
      JsonNode config = meta.path("credential_configurations_supported").path(configId);
      String format = config.path("format").asText("");
      if (!format.equals("dc+sd-jwt") && !format.equals("jwt_vc_json")) {
        throw new WalletException(Reason.OFFER_INVALID, "configuration " + configId + " has unsupported format "
            + WalletHttp.clip(format));
      }
      String nonce = null;
      if (nonceEndpoint != null) {
        nonce = expectOk(http.postForm(nonceEndpoint, "", null, Reason.ISSUER_ERROR), "nonce endpoint")
            .path("c_nonce").asText(null);
      }
      ObjectNode req = JSON.createObjectNode().put("credential_configuration_id", configId);
      req.putObject("proofs").putArray("jwt").add(proof(o.issuer, nonce));
      JsonNode answer = expectOk(http.postJson(credentialEndpoint, req.toString(), accessToken,
          Reason.ISSUER_ERROR), "credential endpoint");
      JsonNode creds = answer.path("credentials");
      if (!creds.isArray() || creds.isEmpty()) {
        throw new WalletException(Reason.ISSUER_ERROR, "the credential response has no credentials"
            + (answer.has("transaction_id") ? " (deferred issuance is not supported)" : ""));
      }
      for (JsonNode c : creds) {
        String credential = c.path("credential").asText(null);
        if (credential == null) {
          throw new WalletException(Reason.CREDENTIAL_INVALID, "a credential entry has no credential string");
        }
        received.add(checkReceived(credential, format, configId, o.issuer));
      }
    }
    synchronized (this) {
      List<StoredCredential> next = new ArrayList<>(credentials);
      next.addAll(received);
      write(next);
      credentials = List.copyOf(next);
    }
    return received;
  }

  private Offer readOffer(String offerUri) {
    if (offerUri == null) {
      throw new WalletException(Reason.OFFER_INVALID, "no offer URI");
    }
    Map<String, String> q = queryOf(offerUri, Reason.OFFER_INVALID);
    JsonNode offer;
    if (q.containsKey("credential_offer")) {
      offer = parse(q.get("credential_offer"), Reason.OFFER_INVALID, "credential_offer");
    } else if (q.containsKey("credential_offer_uri")) {
      WalletHttp.Answer a = http.get(q.get("credential_offer_uri"), "application/json", Reason.OFFER_INVALID);
      if (a.status() != 200) {
        throw new WalletException(Reason.OFFER_INVALID, "the offer at credential_offer_uri is gone (HTTP "
            + a.status() + ")");
      }
      offer = parse(a.body(), Reason.OFFER_INVALID, "credential offer");
    } else {
      throw new WalletException(Reason.OFFER_INVALID, "the URI has neither credential_offer nor "
          + "credential_offer_uri");
    }
    String issuer = offer.path("credential_issuer").asText(null);
    JsonNode ids = offer.path("credential_configuration_ids");
    JsonNode grant = offer.path("grants").path(PRE_AUTH);
    String code = grant.path("pre-authorized_code").asText(null);
    if (issuer == null || !ids.isArray() || ids.isEmpty()) {
      throw new WalletException(Reason.OFFER_INVALID, "the offer lacks credential_issuer or "
          + "credential_configuration_ids");
    }
    if (code == null) {
      throw new WalletException(Reason.OFFER_INVALID, "only the pre-authorized code flow is supported; the offer "
          + "has no pre-authorized_code");
    }
    http.check(issuer, Reason.OFFER_INVALID);
    List<String> list = new ArrayList<>();
    ids.forEach(i -> list.add(i.asText()));
    return new Offer(issuer, list, code, grant.has("tx_code") ? grant.get("tx_code") : null);
  }

  private JsonNode issuerMetadata(String issuer) {
    JsonNode meta = wellKnown(issuer, "/.well-known/openid-credential-issuer");
    if (!issuer.equals(meta.path("credential_issuer").asText())) {
      throw new WalletException(Reason.ISSUER_ERROR, "the metadata's credential_issuer is not " + issuer);
    }
    return meta;
  }

  /** Fetches a well-known document: the suffix goes between host and path (RFC 8414 §3, OpenID4VCI §12.2.2). */
  private JsonNode wellKnown(String base, String suffix) {
    URI u = http.check(base, Reason.ISSUER_ERROR);
    String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
    String url = u.getScheme() + "://" + u.getRawAuthority() + suffix + path;
    WalletHttp.Answer a = http.get(url, "application/json", Reason.ISSUER_ERROR);
    if (a.status() != 200) {
      throw new WalletException(Reason.ISSUER_ERROR, "no metadata at " + url + " (HTTP " + a.status() + ")");
    }
    return parse(a.body(), Reason.ISSUER_ERROR, "metadata");
  }

  private String proof(String audience, String nonce) {
    ObjectNode claims = JSON.createObjectNode().put("aud", audience).put("iat", clock.instant().getEpochSecond());
    if (nonce != null) {
      claims.put("nonce", nonce);
    }
    Signer s = holder.signer();
    JWSObject jws = new JWSObject(new JWSHeader.Builder(s.keyType().jwsAlgorithm())
        .type(new JOSEObjectType("openid4vci-proof+jwt")).jwk(holder.publicJwk()).build(),
        new Payload(claims.toString()));
    try {
      jws.sign(io.zhixin.keys.Jws.signer(s));
    } catch (JOSEException e) {
      throw new WalletException(Reason.IO, "cannot sign the key proof: " + e.getMessage());
    }
    return jws.serialize();
  }

  private StoredCredential checkReceived(String credential, String format, String configId, String issuer) {
    VerificationResult r = credentialCheck.verify(credential);
    if (!(r instanceof VerificationResult.Verified v)) {
      throw new WalletException(Reason.CREDENTIAL_INVALID, "the issued credential does not verify: "
          + r.problems().get(0).code().code() + ": " + r.problems().get(0).detail());
    }
    VerifiedCredential c = v.credential();
    if (format.equals("dc+sd-jwt")) {
      if (c.holderKey().isEmpty() || !c.holderKey().get().toPublicJWK().equals(holder.publicJwk().toPublicJWK())) {
        throw new WalletException(Reason.CREDENTIAL_INVALID, "the SD-JWT VC is not bound to this wallet's key");
      }
    } else if (!holderDid().equals(c.claim("credentialSubject/id").orElse(null))) {
      throw new WalletException(Reason.CREDENTIAL_INVALID, "the W3C credential's subject is not this wallet's DID");
    }
    return new StoredCredential(newId(), format, configId, issuer, c.types(), clock.instant(), credential);
  }

  // ================================================================= OpenID4VP

  /** A parsed, authenticated presentation request. Internal to the wallet. */
  record Request(String clientId, boolean signed, String responseUri, String nonce, String state,
      List<String> purposes, List<PresentationRequest.RequestedCredential> items, Dcql.Parsed query,
      Instant expiresAt) {}

  /**
   * Fetches and checks a presentation request ({@code openid4vp://?client_id=…&request_uri=…}) and returns the
   * consent view. Nothing is sent to the verifier.
   *
   * @throws WalletException {@code REQUEST_INVALID} (unsupported client id prefix, bad or missing signature,
   *     client id mismatch, unsupported response mode), {@code REQUEST_EXPIRED}, {@code IO}
   */
  public PresentationRequest present(String requestUri) {
    Map<String, String> q = queryOf(requestUri, Reason.REQUEST_INVALID);
    String clientId = q.get("client_id");
    String requestUrl = q.get("request_uri");
    if (clientId == null) {
      throw new WalletException(Reason.REQUEST_INVALID, "the request has no client_id");
    }
    JsonNode claims;
    boolean signed;
    if (requestUrl == null) {
      // By value: only unsigned redirect_uri: requests may come this way.
      if (!clientId.startsWith("redirect_uri:")) {
        throw new WalletException(Reason.REQUEST_INVALID, "a request by value must use a redirect_uri: client id; "
            + "other verifiers must send a signed request_uri");
      }
      ObjectNode c = JSON.createObjectNode();
      for (Map.Entry<String, String> e : q.entrySet()) {
        if (e.getKey().equals("dcql_query") || e.getKey().equals("client_metadata")) {
          c.set(e.getKey(), parse(e.getValue(), Reason.REQUEST_INVALID, e.getKey()));
        } else {
          c.put(e.getKey(), e.getValue());
        }
      }
      claims = c;
      signed = false;
    } else {
      if (q.containsKey("request_uri_method") && !"get".equals(q.get("request_uri_method"))) {
        throw new WalletException(Reason.REQUEST_INVALID, "request_uri_method post is not supported");
      }
      WalletHttp.Answer a = http.get(requestUrl, "application/oauth-authz-req+jwt", Reason.REQUEST_INVALID);
      if (a.status() == 404 || a.status() == 410) {
        throw new WalletException(Reason.REQUEST_EXPIRED, "the verifier no longer has this request (HTTP "
            + a.status() + ")");
      }
      if (a.status() != 200) {
        throw new WalletException(Reason.REQUEST_INVALID, "the request_uri answered HTTP " + a.status());
      }
      String jwt = a.body().trim();
      String[] parts = jwt.split("\\.", -1);
      if (parts.length != 3) {
        throw new WalletException(Reason.REQUEST_INVALID, "the request object is not a JWT");
      }
      JsonNode header = parse(b64(parts[0]), Reason.REQUEST_INVALID, "request object header");
      claims = parse(b64(parts[1]), Reason.REQUEST_INVALID, "request object");
      if (clientId.startsWith("decentralized_identifier:")) {
        verifyRequestSignature(jwt, clientId.substring("decentralized_identifier:".length()));
        signed = true;
      } else if (clientId.startsWith("redirect_uri:")) {
        if (!"none".equals(header.path("alg").asText()) || !parts[2].isEmpty()) {
          throw new WalletException(Reason.REQUEST_INVALID, "a redirect_uri: client id must not sign its request");
        }
        signed = false;
      } else {
        throw new WalletException(Reason.REQUEST_INVALID, "unsupported client id prefix: "
            + WalletHttp.clip(clientId) + " (supported: decentralized_identifier:, redirect_uri:)");
      }
    }
    if (clientId.startsWith("redirect_uri:")
        && !clientId.substring("redirect_uri:".length()).equals(claims.path("response_uri").asText())) {
      throw new WalletException(Reason.REQUEST_INVALID, "a redirect_uri: client id must equal its response_uri");
    }
    if (!clientId.equals(claims.path("client_id").asText())) {
      throw new WalletException(Reason.REQUEST_INVALID, "the request object's client_id differs from the URI's");
    }
    if (!"vp_token".equals(claims.path("response_type").asText())
        || !"direct_post".equals(claims.path("response_mode").asText())) {
      throw new WalletException(Reason.REQUEST_INVALID, "only response_type vp_token with response_mode "
          + "direct_post is supported");
    }
    Instant now = clock.instant();
    Instant exp = claims.has("exp") ? Instant.ofEpochSecond(claims.path("exp").asLong()) : null;
    if (exp != null && now.isAfter(exp)) {
      throw new WalletException(Reason.REQUEST_EXPIRED, "the request expired at " + exp);
    }
    String responseUri = claims.path("response_uri").asText(null);
    String nonce = claims.path("nonce").asText(null);
    String state = claims.path("state").asText(null);
    if (responseUri == null || nonce == null || nonce.isEmpty()) {
      throw new WalletException(Reason.REQUEST_INVALID, "the request lacks response_uri or nonce");
    }
    http.check(responseUri, Reason.REQUEST_INVALID);
    Dcql.Parsed query;
    try {
      query = Dcql.parse(claims.get("dcql_query"));
    } catch (IllegalArgumentException e) {
      throw new WalletException(Reason.REQUEST_INVALID, "dcql_query: " + e.getMessage());
    }
    List<String> purposes = new ArrayList<>();
    query.sets().forEach(s -> {
      if (s.purpose() != null && !purposes.contains(s.purpose())) {
        purposes.add(s.purpose());
      }
    });
    Set<String> required = requiredQueries(query);
    List<PresentationRequest.RequestedCredential> items = new ArrayList<>();
    for (Dcql.Query dq : query.queries()) {
      StoredCredential match = match(dq);
      List<String> types = dq.format().equals("dc+sd-jwt") ? dq.vctValues()
          : dq.typeValues().stream().map(t -> String.join("+", t)).toList();
      items.add(new PresentationRequest.RequestedCredential(dq.id(), dq.format(), types,
          dq.claims().stream().map(Dcql.Claim::slashPath).toList(), match == null ? null : match.id(),
          required.contains(dq.id())));
    }
    return new PresentationRequest(this, new Request(clientId, signed, responseUri, nonce, state,
        List.copyOf(purposes), List.copyOf(items), query, exp));
  }

  /** Shorthand: {@code present(requestUri).respond(approvedClaims)}. */
  public PresentationOutcome present(String requestUri, Set<String> approvedClaims) {
    return present(requestUri).respond(approvedClaims);
  }

  private void verifyRequestSignature(String jwt, String did) {
    JWSObject jws;
    try {
      jws = JWSObject.parse(jwt);
    } catch (ParseException e) {
      throw new WalletException(Reason.REQUEST_INVALID, "the request object is not a signed JWT");
    }
    JWSHeader h = jws.getHeader();
    if (h.getType() == null || !"oauth-authz-req+jwt".equals(h.getType().getType())) {
      throw new WalletException(Reason.REQUEST_INVALID, "request object typ must be oauth-authz-req+jwt");
    }
    if (!Set.of(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.ES256K).contains(h.getAlgorithm())) {
      throw new WalletException(Reason.REQUEST_INVALID, "request object alg " + h.getAlgorithm() + " not accepted");
    }
    String kid = h.getKeyID();
    if (kid == null || !kid.startsWith(did + "#")) {
      throw new WalletException(Reason.REQUEST_INVALID, "the request's kid must be a key of " + did);
    }
    DidDereferencingResult r = dids.dereference(kid);
    JWK key = r.isSuccess() ? r.publicJwk().orElse(null) : null;
    if (key == null) {
      throw new WalletException(Reason.REQUEST_INVALID, "cannot resolve the verifier key " + WalletHttp.clip(kid));
    }
    try {
      if (!jws.verify(io.zhixin.keys.Jws.verifier(key))) {
        throw new WalletException(Reason.REQUEST_INVALID, "the request object's signature does not verify");
      }
    } catch (JOSEException | KeyException | IllegalArgumentException e) {
      throw new WalletException(Reason.REQUEST_INVALID, "the request object's signature does not verify");
    }
  }

  private static Set<String> requiredQueries(Dcql.Parsed q) {
    Set<String> out = new LinkedHashSet<>();
    if (q.sets().isEmpty()) {
      q.queries().forEach(c -> out.add(c.id()));
    } else {
      q.sets().stream().filter(Dcql.Set::required).forEach(s -> s.options().forEach(out::addAll));
    }
    return out;
  }

  /** The newest stored credential that has the query's format and type and every requested claim. */
  private StoredCredential match(Dcql.Query q) {
    List<StoredCredential> all = new ArrayList<>(list());
    Collections.reverse(all);
    for (StoredCredential c : all) {
      if (!c.format().equals(q.format())) {
        continue;
      }
      boolean typeOk = q.format().equals("dc+sd-jwt")
          ? q.vctValues().isEmpty() || q.vctValues().contains(c.types().get(0))
          : q.typeValues().stream().anyMatch(t -> c.types().containsAll(t));
      if (typeOk && chooseClaims(q, c, null) != null) {
        return c;
      }
    }
    return null;
  }

  /**
   * The claims to answer {@code q} with from {@code c}: all requested claims, or the first claim set whose claims
   * are all available (and, with {@code approved} given, all approved). Null when none fits.
   */
  private List<Dcql.Claim> chooseClaims(Dcql.Query q, StoredCredential c, java.util.function.Predicate<Dcql.Claim>
      approved) {
    List<List<Dcql.Claim>> candidates = new ArrayList<>();
    if (q.claimSets().isEmpty()) {
      candidates.add(q.claims());
    } else {
      for (List<String> set : q.claimSets()) {
        candidates.add(q.claims().stream().filter(cl -> set.contains(cl.id())).toList());
      }
    }
    Set<String> available = availablePaths(c);
    for (List<Dcql.Claim> cand : candidates) {
      boolean ok = cand.stream().allMatch(cl -> available.stream().anyMatch(p -> Dcql.matches(p, cl.path())
          || (cl.path().stream().allMatch(Objects::nonNull) && p.startsWith(String.join("/",
              cl.path().stream().map(String::valueOf).toList()) + "/"))));
      if (ok && (approved == null || cand.stream().allMatch(approved))) {
        return cand;
      }
    }
    return null;
  }

  /** Every claim path of a stored credential (all disclosures revealed), read from its verified claims. */
  private Set<String> availablePaths(StoredCredential c) {
    Set<String> out = new LinkedHashSet<>();
    String all = c.format().equals("dc+sd-jwt") ? SdJwtPresentation.builder(c.credential()).discloseAll().build()
        : c.credential();
    VerificationResult r = credentialCheck.verify(all);
    if (r instanceof VerificationResult.Verified v) {
      collect(JSON.valueToTree(v.credential().claims()), "", out);
    }
    return out;
  }

  private static void collect(JsonNode n, String prefix, Set<String> out) {
    if (n.isObject()) {
      n.fields().forEachRemaining(e -> {
        if (!e.getKey().equals("_sd") && !e.getKey().equals("_sd_alg")) {
          String p = prefix.isEmpty() ? e.getKey() : prefix + "/" + e.getKey();
          out.add(p);
          collect(e.getValue(), p, out);
        }
      });
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        if (!n.get(i).has("...")) {
          String p = prefix + "/" + i;
          out.add(p);
          collect(n.get(i), p, out);
        }
      }
    }
  }

  PresentationOutcome respond(Request r, Set<String> approvedClaims) {
    Objects.requireNonNull(approvedClaims, "approvedClaims");
    if (r.expiresAt() != null && clock.instant().isAfter(r.expiresAt())) {
      throw new WalletException(Reason.REQUEST_EXPIRED, "the request expired at " + r.expiresAt());
    }
    Set<String> answer = answerQueries(r.query());
    ObjectNode vpToken = JSON.createObjectNode();
    Map<String, Set<String>> disclosed = new LinkedHashMap<>();
    for (Dcql.Query q : r.query().queries()) {
      if (!answer.contains(q.id())) {
        continue;
      }
      StoredCredential c = match(q);
      if (c == null) {
        throw new WalletException(Reason.NO_MATCHING_CREDENTIAL, "no stored credential answers " + q.id() + " ("
            + q.format() + " " + (q.vctValues().isEmpty() ? q.typeValues() : q.vctValues()) + ")");
      }
      List<Dcql.Claim> claims = chooseClaims(q, c, cl -> isApproved(approvedClaims, q.id(), cl));
      if (claims == null) {
        List<String> missing = new ArrayList<>();
        for (Dcql.Claim cl : q.claims()) {
          if (!isApproved(approvedClaims, q.id(), cl)) {
            missing.add(q.id() + ":" + cl.slashPath());
          }
        }
        throw new WalletException(Reason.NOT_APPROVED, "the request asks for claims the holder did not approve: "
            + missing + "; nothing was sent");
      }
      Set<String> paths = new LinkedHashSet<>();
      String presentation;
      if (q.format().equals("dc+sd-jwt")) {
        Set<String> disclosable = SdJwtPresentation.disclosablePaths(c.credential());
        SdJwtPresentation.Builder b = SdJwtPresentation.builder(c.credential());
        for (Dcql.Claim cl : claims) {
          for (String d : disclosable) {
            if (Dcql.matches(d, cl.path())) {
              b.disclose(d);
              paths.add(d);
            }
          }
          if (cl.path().stream().allMatch(Objects::nonNull) && !disclosable.contains(cl.slashPath())) {
            // A plain claim, or one inside a disclosed object: reveal the closest disclosable ancestor only.
            String p = cl.slashPath();
            String ancestor = disclosable.stream().filter(d -> p.startsWith(d + "/"))
                .max(java.util.Comparator.comparingInt(String::length)).orElse(null);
            if (ancestor != null) {
              b.disclose(ancestor);
              paths.add(ancestor);
            }
            paths.add(p);
          }
        }
        presentation = b.keyBinding(holder.signer(), r.clientId(), r.nonce()).clock(clock).build();
      } else {
        Did did = DidJwk.create(holder.publicJwk());
        presentation = VpJwtPresentation.builder().holder(did.toString()).keyId(DidJwk.verificationMethodId(did))
            .signer(holder.signer()).credential(c.credential()).audience(r.clientId()).nonce(r.nonce())
            .clock(clock).build();
        claims.forEach(cl -> paths.add(cl.slashPath()));
      }
      vpToken.putArray(q.id()).add(presentation);
      disclosed.put(q.id(), Collections.unmodifiableSet(paths));
    }
    StringBuilder form = new StringBuilder("vp_token=").append(enc(vpToken.toString()));
    if (r.state() != null) {
      form.append("&state=").append(enc(r.state()));
    }
    WalletHttp.Answer a = http.postForm(r.responseUri(), form.toString(), null, Reason.VERIFIER_REJECTED);
    if (a.status() != 200) {
      JsonNode err = tryParse(a.body());
      throw new WalletException(Reason.VERIFIER_REJECTED, err == null ? null : err.path("error").asText(null),
          "the verifier refused the presentation (HTTP " + a.status() + ")" + (err == null ? ""
              : ": " + err.path("error").asText("") + " " + err.path("error_description").asText("")));
    }
    JsonNode body = tryParse(a.body());
    String redirect = body == null ? null : body.path("redirect_uri").asText(null);
    return new PresentationOutcome(Collections.unmodifiableMap(disclosed), redirect);
  }

  /** The credential queries to answer: all, or for each credential set its first option the wallet can fill. */
  private Set<String> answerQueries(Dcql.Parsed q) {
    Set<String> out = new LinkedHashSet<>();
    if (q.sets().isEmpty()) {
      q.queries().forEach(c -> out.add(c.id()));
      return out;
    }
    for (Dcql.Set s : q.sets()) {
      List<String> chosen = null;
      for (List<String> opt : s.options()) {
        if (opt.stream().allMatch(id -> q.queries().stream().anyMatch(c -> c.id().equals(id) && match(c) != null))) {
          chosen = opt;
          break;
        }
      }
      if (chosen == null && s.required()) {
        throw new WalletException(Reason.NO_MATCHING_CREDENTIAL, "no stored credentials answer any option of "
            + s.options());
      }
      if (chosen != null) {
        out.addAll(chosen);
      }
    }
    return out;
  }

  private static boolean isApproved(Set<String> approved, String queryId, Dcql.Claim cl) {
    String p = cl.slashPath();
    return approved.contains("*") || approved.contains(p) || approved.contains(queryId + ":" + p);
  }

  void decline(Request r) {
    String form = "error=access_denied&error_description=" + enc("the holder declined")
        + (r.state() != null ? "&state=" + enc(r.state()) : "");
    http.postForm(r.responseUri(), form, null, Reason.VERIFIER_REJECTED);
  }

  // ================================================================= files and helpers

  private void write(List<StoredCredential> list) {
    ArrayNode arr = JSON.createArrayNode();
    for (StoredCredential c : list) {
      ObjectNode o = arr.addObject().put("id", c.id()).put("format", c.format())
          .put("configuration_id", c.configurationId()).put("issuer", c.issuer())
          .put("received_at", c.receivedAt().toString()).put("credential", c.credential());
      ArrayNode t = o.putArray("types");
      c.types().forEach(t::add);
    }
    byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.PBES2_HS512_A256KW, EncryptionMethod.A256GCM)
          .contentType(CREDENTIALS_CTY).build(), new Payload(JSON.createObjectNode().set("credentials", arr)
          .toString()));
      jwe.encrypt(new PasswordBasedEncrypter(pw, 16, EncryptedKeyStore.ITERATIONS));
      AtomicFiles.write(credentialsFile, jwe.serialize().getBytes(StandardCharsets.US_ASCII), true);
    } catch (JOSEException | IOException e) {
      throw new WalletException(Reason.IO, "cannot write " + credentialsFile + ": " + e.getMessage());
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private static List<StoredCredential> read(Path file, char[] password) {
    if (!Files.exists(file)) {
      return List.of();
    }
    byte[] pw = new String(password).getBytes(StandardCharsets.UTF_8);
    try {
      JWEObject jwe = JWEObject.parse(Files.readString(file, StandardCharsets.US_ASCII).trim());
      if (!CREDENTIALS_CTY.equals(jwe.getHeader().getContentType())
          || !JWEAlgorithm.Family.PBES2.contains(jwe.getHeader().getAlgorithm())) {
        throw new WalletException(Reason.IO, file + " is not a Zhixin credential file");
      }
      jwe.decrypt(new PasswordBasedDecrypter(pw));
      JsonNode root = JSON.readTree(jwe.getPayload().toString());
      List<StoredCredential> out = new ArrayList<>();
      for (JsonNode o : root.path("credentials")) {
        List<String> types = new ArrayList<>();
        o.path("types").forEach(t -> types.add(t.asText()));
        out.add(new StoredCredential(o.path("id").asText(), o.path("format").asText(),
            o.path("configuration_id").asText(null), o.path("issuer").asText(null), types,
            Instant.parse(o.path("received_at").asText()), o.path("credential").asText()));
      }
      return List.copyOf(out);
    } catch (JOSEException e) {
      throw new WalletException(Reason.IO, "wrong password for " + file + " (or the file was modified)");
    } catch (IOException | ParseException | RuntimeException e) {
      if (e instanceof WalletException we) {
        throw we;
      }
      throw new WalletException(Reason.IO, "cannot read " + file + ": " + e.getMessage());
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }

  private JsonNode expectOk(WalletHttp.Answer a, String what) {
    JsonNode body = tryParse(a.body());
    if (a.status() != 200 || body == null) {
      String code = body == null ? null : body.path("error").asText(null);
      throw new WalletException(Reason.ISSUER_ERROR, code, "the " + what + " answered HTTP " + a.status()
          + (code == null ? "" : ": " + code + " " + body.path("error_description").asText("")));
    }
    return body;
  }

  private static JsonNode tryParse(String s) {
    try {
      JsonNode n = JSON.readTree(s);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static JsonNode parse(String s, Reason reason, String what) {
    JsonNode n = tryParse(s);
    if (n == null) {
      throw new WalletException(reason, what + " is not a JSON object");
    }
    return n;
  }

  private static String b64(String part) {
    try {
      return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static Map<String, String> queryOf(String uri, Reason reason) {
    int q = uri.indexOf('?');
    if (q < 0) {
      throw new WalletException(reason, "the URI has no query: " + WalletHttp.clip(uri));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : uri.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String newId() {
    byte[] b = new byte[9];
    random.nextBytes(b);
    return "cred-" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Wipes the password copies. */
  @Override
  public synchronized void close() {
    Arrays.fill(password, '\0');
    keys.close();
  }

  @Override
  public String toString() {
    return "Wallet{" + credentialsFile.getParent() + ", " + credentials.size() + " credentials}";
  }

  /** Opens or creates a {@link Wallet}. */
  public static final class Builder {
    private Path dir;
    private char[] password;
    private DidResolver dids = DidResolver.builder().method(DidKey.method()).method(DidJwk.method())
        .method(DidWeb.method()).build();
    private Clock clock = Clock.systemUTC();
    private boolean allowHttp;

    private Builder() {}

    /** The wallet folder ({@code keys.jwe}, {@code credentials.jwe}). Required. */
    public Builder directory(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** The password of both files. Required. */
    public Builder password(char[] password) {
      this.password = Objects.requireNonNull(password, "password").clone();
      return this;
    }

    /** Resolves issuer and verifier DIDs; did:key, did:jwk and did:web by default. */
    public Builder didResolver(DidResolver dids) {
      this.dids = Objects.requireNonNull(dids, "dids");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Allows plain http to any host (by default only loopback hosts may be http). Explicit leniency, the
     * equivalent of the npm packages' {@code allowInsecureUrls}.
     */
    public Builder allowInsecureHttp() {
      this.allowHttp = true;
      return this;
    }

    /**
     * Opens the wallet in the folder, creating its key (P-256) and files on first use.
     *
     * @throws WalletException {@code IO} for a wrong password or unreadable files
     * @throws IllegalStateException when the folder or password is missing
     */
    public Wallet open() {
      if (dir == null || password == null || password.length == 0) {
        throw new IllegalStateException("directory(...) and a non-empty password(...) are required");
      }
      Path keyFile = dir.resolve("keys.jwe");
      EncryptedKeyStore ks;
      try {
        Files.createDirectories(dir);
        if (Files.exists(keyFile)) {
          ks = EncryptedKeyStore.open(keyFile, password);
        } else {
          ks = EncryptedKeyStore.create(keyFile, password);
        }
        if (!ks.contains(HOLDER)) {
          ks.add(HOLDER, KeyPair.generate(KeyType.P256));
        }
      } catch (IOException e) {
        throw new WalletException(Reason.IO, "cannot create the wallet folder " + dir + ": " + e.getMessage());
      } catch (KeyException e) {
        throw new WalletException(Reason.IO, e.getMessage());
      }
      List<StoredCredential> creds;
      try {
        creds = read(dir.resolve("credentials.jwe"), password);
      } catch (WalletException e) {
        ks.close();
        throw e;
      }
      Wallet w = new Wallet(this, ks, creds);
      Arrays.fill(password, '\0');
      return w;
    }
  }
}
