package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.IssuerKeyResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9901 verification (section 7) on Jackson and Nimbus: one parse of each part, digests checked inside verify.
 *
 * <p>Written here rather than on com.authlete:sd-jwt because verification must enforce "each digest exactly once"
 * across the payload and all disclosures, report every failure as a typed check rather than an exception, and avoid
 * re-serialising JSON on the hot path (authlete re-encodes disclosures and re-parses the payload per call).
 */
public final class SdJwtEngine {

  public static final int MAX_DISCLOSURES = 1000;
  public static final String SHA_256 = "sha-256";
  static final String SD = "_sd";
  static final String SD_ALG = "_sd_alg";
  static final String ELLIPSIS = "...";

  /** What the caller requires; immutable. {@code acceptedTypes} null accepts any {@code typ}. */
  public record Policy(Set<JWSAlgorithm> algorithms, Set<String> acceptedTypes, IssuerKeyResolver keys,
      JwsVerifiers verifiers, boolean requireKeyBinding, String audience, String nonce, Duration maxKbAge,
      Duration skew) {}

  /** A verified SD-JWT: header, processed payload (only disclosed claims, no {@code _sd}), holder key. */
  public record Verified(Jws.Parsed issuerJwt, ObjectNode claims, JWK holderKey, String kid) {}

  private record Disclosure(int index, String digest, String name, JsonNode value) {}

  private SdJwtEngine() {}

  /** Verifies {@code input} at {@code now}; returns null after recording a failed check. */
  public static Verified verify(String input, Policy policy, Instant now, Checks checks) {
    if (input == null || input.isEmpty()) {
      checks.fail(CheckCode.MALFORMED, "empty input");
      return null;
    }
    if (input.length() > Json.MAX_INPUT) {
      checks.fail(CheckCode.TOO_LARGE, "input of " + input.length() + " characters exceeds " + Json.MAX_INPUT);
      return null;
    }
    String compact = input.charAt(0) == '{' ? fromJsonSerialization(input, checks) : input.trim();
    if (compact == null) {
      return null;
    }
    // The parts are read in place from one byte copy: substrings of every part would double what a verification
    // allocates.
    TokenBytes token = new TokenBytes(compact);
    byte[] buf = token.bytes();
    int[] tildes = new int[8];
    int count = 0;
    for (int i = token.indexOf('~', 0, buf.length); i >= 0; i = token.indexOf('~', i + 1, buf.length)) {
      if (count == MAX_DISCLOSURES + 1) {
        checks.fail(CheckCode.TOO_LARGE, "more than " + MAX_DISCLOSURES + " disclosures");
        return null;
      }
      if (count == tildes.length) {
        tildes = Arrays.copyOf(tildes, count * 2);
      }
      tildes[count++] = i;
    }
    if (count == 0) {
      checks.fail(CheckCode.MALFORMED, "not an SD-JWT: no '~' separator");
      return null;
    }
    tildes = Arrays.copyOf(tildes, count);

    Jws.Parsed jwt = Jws.parse(token, 0, tildes[0], policy.algorithms(), "issuer-signed JWT", checks);
    if (jwt == null) {
      return null;
    }
    if (!checkType(jwt.typ(), policy.acceptedTypes(), "issuer-signed JWT", checks)) {
      return null;
    }
    String kid = jwt.headerString("kid");
    if (kid == null && jwt.header().has("kid")) {
      checks.warn(CheckCode.MALFORMED, "kid header is not a string; ignored for key selection");
    }
    JsonNode issNode = jwt.payload().get("iss");
    String iss = issNode != null && issNode.isTextual() ? issNode.textValue() : null;
    if (!Jws.verifyResolved(jwt, iss, kid, policy.keys(), policy.verifiers(), CheckCode.ISSUER_KEY,
        CheckCode.SIGNATURE, "issuer-signed JWT", checks)) {
      return null;
    }

    JsonNode sdAlg = jwt.payload().get(SD_ALG);
    if (sdAlg != null && !(sdAlg.isTextual() && SHA_256.equals(sdAlg.textValue()))) {
      checks.fail(CheckCode.SD_ALG, "_sd_alg must be sha-256, found " + sdAlg);
      return null;
    }
    checks.pass(CheckCode.SD_ALG, "sha-256");

    Map<String, Disclosure> byDigest = parseDisclosures(buf, tildes, checks);
    if (byDigest == null) {
      return null;
    }
    // The payload node is ours (parsed for this call), so disclosures are processed in place.
    ObjectNode claims = jwt.payload();
    claims.remove(SD_ALG);
    Set<String> seen = new HashSet<>();
    Set<String> used = new HashSet<>();
    try {
      processObject(claims, byDigest, seen, used, 0);
    } catch (DisclosureException e) {
      checks.fail(e.code, e.getMessage());
      return null;
    }
    if (used.size() != byDigest.size()) {
      for (Disclosure d : byDigest.values()) {
        if (!used.contains(d.digest)) {
          checks.fail(CheckCode.DISCLOSURES, "disclosure #" + (d.index + 1) + (d.name == null ? "" : " (" + d.name
              + ")") + " matches no digest signed by the issuer");
          return null;
        }
      }
    }
    checks.pass(CheckCode.DISCLOSURES, byDigest.size() + " disclosures, each matching one signed digest");

    if (!checkTimes(claims, now, policy.skew(), checks)) {
      return null;
    }
    JWK holderKey = holderKey(claims, policy.verifiers(), checks);
    if (holderKey == null && checks.failed()) {
      return null;
    }
    if (!checkKeyBinding(token, tildes[count - 1], holderKey, policy, now, checks)) {
      return null;
    }
    return new Verified(jwt, claims, holderKey, kid);
  }

  public static boolean checkType(String typ, Set<String> accepted, String what, Checks checks) {
    if (accepted == null) {
      checks.warn(CheckCode.MEDIA_TYPE, what + " typ " + typ + " not checked (policy accepts any)");
      return true;
    }
    String t = typ == null ? null : typ.toLowerCase(java.util.Locale.ROOT);
    if (t != null && t.startsWith("application/")) {
      t = t.substring("application/".length());
    }
    if (t == null || !accepted.contains(t)) {
      return checks.fail(CheckCode.MEDIA_TYPE, what + " typ must be one of " + accepted + ", found " + typ);
    }
    checks.pass(CheckCode.MEDIA_TYPE, what + " typ " + typ);
    return true;
  }

  /** The disclosures between the tildes of {@code buf}, by digest. */
  private static Map<String, Disclosure> parseDisclosures(byte[] buf, int[] tildes, Checks checks) {
    Map<String, Disclosure> byDigest = new HashMap<>();
    for (int n = 0; n < tildes.length - 1; n++) {
      int from = tildes[n] + 1;
      int to = tildes[n + 1];
      if (from == to) {
        checks.fail(CheckCode.MALFORMED, "disclosure #" + (n + 1) + " is empty (two '~' in a row)");
        return null;
      }
      JsonNode arr;
      try {
        arr = Json.parse(Base64Url.decode(buf, from, to));
      } catch (IllegalArgumentException e) {
        checks.fail(CheckCode.DISCLOSURES, "disclosure #" + (n + 1) + " is not base64url");
        return null;
      } catch (Json.JsonException e) {
        checks.fail(e.tooLarge ? CheckCode.TOO_LARGE : CheckCode.DISCLOSURES, "disclosure #" + (n + 1) + ": "
            + e.getMessage());
        return null;
      }
      if (!arr.isArray() || (arr.size() != 2 && arr.size() != 3) || !arr.get(0).isTextual()) {
        checks.fail(CheckCode.DISCLOSURES, "disclosure #" + (n + 1)
            + " must be a JSON array [salt, name, value] or [salt, value]");
        return null;
      }
      String name = null;
      JsonNode value;
      if (arr.size() == 3) {
        if (!arr.get(1).isTextual()) {
          checks.fail(CheckCode.DISCLOSURES, "disclosure #" + (n + 1) + " claim name is not a string");
          return null;
        }
        name = arr.get(1).textValue();
        if (SD.equals(name) || ELLIPSIS.equals(name)) {
          checks.fail(CheckCode.DISCLOSURES, "disclosure #" + (n + 1) + " uses the reserved claim name " + name);
          return null;
        }
        value = arr.get(2);
      } else {
        value = arr.get(1);
      }
      String digest = digest(buf, from, to);
      if (byDigest.put(digest, new Disclosure(n, digest, name, value)) != null) {
        checks.fail(CheckCode.DISCLOSURES, "disclosure #" + (n + 1) + " is presented more than once");
        return null;
      }
    }
    return byDigest;
  }

  private static final class DisclosureException extends Exception {
    private static final long serialVersionUID = 1L;
    final CheckCode code;

    DisclosureException(CheckCode code, String m) {
      super(m, null, false, false);
      this.code = code;
    }
  }

  private static void processObject(ObjectNode obj, Map<String, Disclosure> byDigest, Set<String> seen,
      Set<String> used, int depth) throws DisclosureException {
    if (depth > Json.MAX_DEPTH) {
      throw new DisclosureException(CheckCode.TOO_LARGE, "claims nest deeper than " + Json.MAX_DEPTH);
    }
    JsonNode sd = obj.remove(SD);
    Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      e.setValue(processValue(e.getValue(), byDigest, seen, used, depth + 1));
    }
    if (sd == null) {
      return;
    }
    if (!sd.isArray()) {
      throw new DisclosureException(CheckCode.MALFORMED, "_sd must be an array of digests");
    }
    for (JsonNode dn : sd) {
      if (!dn.isTextual()) {
        throw new DisclosureException(CheckCode.MALFORMED, "_sd contains a non-string digest");
      }
      String digest = dn.textValue();
      if (!seen.add(digest)) {
        throw new DisclosureException(CheckCode.DISCLOSURES, "digest " + digest + " appears more than once");
      }
      Disclosure d = byDigest.get(digest);
      if (d == null) {
        continue; // undisclosed claim or decoy
      }
      if (d.name == null) {
        throw new DisclosureException(CheckCode.DISCLOSURES, "disclosure #" + (d.index + 1)
            + " is an array element but its digest is in an object's _sd");
      }
      if (obj.has(d.name)) {
        throw new DisclosureException(CheckCode.DISCLOSURES, "disclosed claim " + d.name
            + " already exists in the object");
      }
      used.add(digest);
      obj.set(d.name, processValue(d.value.deepCopy(), byDigest, seen, used, depth + 1));
    }
  }

  private static JsonNode processValue(JsonNode v, Map<String, Disclosure> byDigest, Set<String> seen,
      Set<String> used, int depth) throws DisclosureException {
    if (v.isObject()) {
      processObject((ObjectNode) v, byDigest, seen, used, depth);
      return v;
    }
    if (!v.isArray()) {
      return v;
    }
    if (depth > Json.MAX_DEPTH) {
      throw new DisclosureException(CheckCode.TOO_LARGE, "claims nest deeper than " + Json.MAX_DEPTH);
    }
    ArrayNode out = Json.array();
    for (JsonNode e : v) {
      JsonNode ref = e.isObject() && e.size() == 1 ? e.get(ELLIPSIS) : null;
      if (ref == null) {
        out.add(processValue(e, byDigest, seen, used, depth + 1));
        continue;
      }
      if (!ref.isTextual()) {
        throw new DisclosureException(CheckCode.MALFORMED, "array element digest is not a string");
      }
      String digest = ref.textValue();
      if (!seen.add(digest)) {
        throw new DisclosureException(CheckCode.DISCLOSURES, "digest " + digest + " appears more than once");
      }
      Disclosure d = byDigest.get(digest);
      if (d == null) {
        continue;
      }
      if (d.name != null) {
        throw new DisclosureException(CheckCode.DISCLOSURES, "disclosure #" + (d.index + 1)
            + " names a claim but its digest is an array element");
      }
      used.add(digest);
      out.add(processValue(d.value.deepCopy(), byDigest, seen, used, depth + 1));
    }
    return out;
  }

  /** Checks {@code exp}, {@code nbf} and {@code iat} (all optional, numeric dates). */
  public static boolean checkTimes(ObjectNode payload, Instant now, Duration skew, Checks checks) {
    Instant exp;
    Instant nbf;
    Instant iat;
    try {
      exp = numericDate(payload, "exp");
      nbf = numericDate(payload, "nbf");
      iat = numericDate(payload, "iat");
    } catch (IllegalArgumentException e) {
      return checks.fail(CheckCode.MALFORMED, e.getMessage());
    }
    if (exp != null && !now.minus(skew).isBefore(exp)) {
      return checks.fail(CheckCode.EXPIRED, "expired at " + exp + "; now " + now + " (skew " + skew + ")");
    }
    if (nbf != null && now.plus(skew).isBefore(nbf)) {
      return checks.fail(CheckCode.NOT_YET_VALID, "not valid before " + nbf + "; now " + now);
    }
    if (iat != null && now.plus(skew).isBefore(iat)) {
      return checks.fail(CheckCode.NOT_YET_VALID, "issued in the future at " + iat + "; now " + now);
    }
    if (exp == null) {
      checks.pass(CheckCode.EXPIRED, "no expiry");
    } else {
      checks.pass(CheckCode.EXPIRED, "valid until ", exp);
    }
    return true;
  }

  public static Instant numericDate(JsonNode payload, String name) {
    JsonNode n = payload.get(name);
    if (n == null) {
      return null;
    }
    if (!n.isNumber() || !n.canConvertToLong()) {
      throw new IllegalArgumentException(name + " must be a NumericDate (seconds), found " + n.getNodeType());
    }
    return Instant.ofEpochSecond(n.longValue());
  }

  private static JWK holderKey(ObjectNode claims, JwsVerifiers verifiers, Checks checks) {
    JsonNode cnf = claims.get("cnf");
    if (cnf == null) {
      return null;
    }
    JsonNode jwk = cnf.get("jwk");
    if (jwk == null || !jwk.isObject()) {
      checks.fail(CheckCode.KEY_BINDING, "cnf must hold a jwk member (only jwk confirmation is supported)");
      return null;
    }
    try {
      JWK key = verifiers.parseJwk((ObjectNode) jwk);
      if (key.isPrivate()) {
        checks.fail(CheckCode.KEY_BINDING, "cnf.jwk contains private key material");
        return null;
      }
      return key;
    } catch (ParseException e) {
      checks.fail(CheckCode.KEY_BINDING, "cnf.jwk is not a valid JWK: " + e.getMessage());
      return null;
    }
  }

  /** Checks the key-binding JWT after the last tilde, {@code buf[lastTilde + 1, end)}. */
  private static boolean checkKeyBinding(TokenBytes token, int lastTilde, JWK holderKey, Policy policy, Instant now,
      Checks checks) {
    if (lastTilde == token.length() - 1) {
      if (policy.requireKeyBinding()) {
        return checks.fail(CheckCode.KEY_BINDING, "a key binding JWT is required but the SD-JWT ends with '~'");
      }
      checks.warn(CheckCode.KEY_BINDING, "no key binding JWT (policy does not require one)");
      return true;
    }
    if (holderKey == null) {
      return checks.fail(CheckCode.KEY_BINDING, "key binding JWT present but the credential has no cnf key");
    }
    Jws.Parsed kb = Jws.parse(token, lastTilde + 1, token.length(), policy.algorithms(), "key binding JWT", checks);
    if (kb == null || !checkType(kb.typ(), Set.of("kb+jwt"), "key binding JWT", checks)
        || !Jws.verify(kb, holderKey, policy.verifiers(), CheckCode.KEY_BINDING, "key binding JWT", checks)) {
      return false;
    }
    ObjectNode p = kb.payload();
    Instant iat;
    try {
      iat = numericDate(p, "iat");
    } catch (IllegalArgumentException e) {
      return checks.fail(CheckCode.MALFORMED, "key binding JWT: " + e.getMessage());
    }
    if (iat == null) {
      return checks.fail(CheckCode.FRESHNESS, "key binding JWT has no iat");
    }
    if (iat.isAfter(now.plus(policy.skew())) || iat.isBefore(now.minus(policy.maxKbAge()).minus(policy.skew()))) {
      return checks.fail(CheckCode.FRESHNESS, "key binding JWT iat " + iat + " outside [now - "
          + policy.maxKbAge() + ", now]; now " + now + " (skew " + policy.skew() + ")");
    }
    checks.pass(CheckCode.FRESHNESS, "key binding JWT issued at ", iat);
    if (!expect(p, "aud", policy.audience(), CheckCode.AUDIENCE, checks)
        || !expect(p, "nonce", policy.nonce(), CheckCode.NONCE, checks)) {
      return false;
    }
    JsonNode sdHash = p.get("sd_hash");
    String expected = digest(token.bytes(), 0, lastTilde + 1);
    if (sdHash == null || !sdHash.isTextual() || !MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII), sdHash.textValue().getBytes(StandardCharsets.US_ASCII))) {
      return checks.fail(CheckCode.SD_HASH, "sd_hash does not match the presented SD-JWT and disclosures");
    }
    checks.pass(CheckCode.SD_HASH, "sd_hash matches");
    return true;
  }

  /** Checks a string claim against an expected value; null expected means "explicitly not checked". */
  public static boolean expect(ObjectNode p, String name, String expected, CheckCode code, Checks checks) {
    JsonNode n = p.get(name);
    if (expected == null) {
      checks.warn(code, name + " not checked (ignored by policy)");
      return true;
    }
    boolean ok = n != null && (n.isTextual() ? expected.equals(n.textValue())
        : "aud".equals(name) && n.isArray() && n.size() == 1 && expected.equals(n.get(0).asText()));
    if (!ok) {
      return checks.fail(code, name + " must be " + expected + ", found " + (n == null ? "nothing" : n.toString()));
    }
    checks.pass(code, name + " matches");
    return true;
  }

  // A provider lookup per digest costs about as much as the hash itself; an SD-JWT has one per disclosure.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(SdJwtEngine::sha256);
  private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

  /** base64url(SHA-256(ASCII(s))), the SD-JWT digest. */
  public static String digest(String s) {
    byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
    return digest(ascii, 0, ascii.length);
  }

  /** The SD-JWT digest of the ASCII bytes {@code buf[from, to)}. */
  static String digest(byte[] buf, int from, int to) {
    return new String(digestBytes(buf, from, to), StandardCharsets.US_ASCII);
  }

  /** {@link #digest(byte[], int, int)} as ASCII bytes. */
  static byte[] digestBytes(byte[] buf, int from, int to) {
    // No reset(): digest() leaves the engine reset, and update() on an array cannot fail half-way.
    MessageDigest sha256 = SHA256.get();
    sha256.update(buf, from, to - from);
    return B64URL.encode(sha256.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }

  /** Converts the flattened or general JWS JSON serialization (RFC 9901 section 8) to compact form. */
  private static String fromJsonSerialization(String input, Checks checks) {
    ObjectNode o;
    try {
      o = Json.parseObject(input.getBytes(StandardCharsets.UTF_8));
    } catch (Json.JsonException e) {
      checks.fail(e.tooLarge ? CheckCode.TOO_LARGE : CheckCode.MALFORMED, "SD-JWT JSON serialization: "
          + e.getMessage());
      return null;
    }
    JsonNode sigs = o.get("signatures");
    JsonNode sig = o;
    if (sigs != null) {
      if (!sigs.isArray() || sigs.size() != 1) {
        checks.fail(CheckCode.MALFORMED, "SD-JWT general JSON serialization must have exactly one signature");
        return null;
      }
      sig = sigs.get(0);
    }
    JsonNode prot = sig.get("protected");
    JsonNode payload = o.get("payload");
    JsonNode signature = sig.get("signature");
    JsonNode header = sig.get("header");
    if (prot == null || !prot.isTextual() || payload == null || !payload.isTextual() || signature == null
        || !signature.isTextual()) {
      checks.fail(CheckCode.MALFORMED, "SD-JWT JSON serialization needs protected, payload and signature");
      return null;
    }
    StringBuilder sb = new StringBuilder().append(prot.textValue()).append('.').append(payload.textValue())
        .append('.').append(signature.textValue()).append('~');
    String kb = "";
    if (header != null) {
      JsonNode ds = header.get("disclosures");
      if (ds != null) {
        if (!ds.isArray() || ds.size() > MAX_DISCLOSURES) {
          checks.fail(ds.isArray() ? CheckCode.TOO_LARGE : CheckCode.MALFORMED, "bad disclosures array");
          return null;
        }
        for (JsonNode d : ds) {
          sb.append(d.asText()).append('~');
        }
      }
      JsonNode k = header.get("kb_jwt");
      if (k != null) {
        kb = k.asText();
      }
    }
    return sb.append(kb).toString();
  }
}
