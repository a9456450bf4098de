package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import io.zhixin.credentials.CheckCode;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.SignatureVerifier;
import io.zhixin.keys.Signer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compact JWS for Zhixin: signing through a {@link Signer} under a header encoded once, and parsing/verifying
 * untrusted input with Jackson (one parse of header and payload each) and {@link SignatureVerifier}s.
 *
 * <p>Nimbus JOSE stays the library for JWKs and for protocol tokens; this hot path is written out because Nimbus
 * re-serialises the header and base64-encodes in constant time on every call, which costs more than a Conscrypt
 * ES256 signature.
 */
public final class Jws {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  // Every key type signs with 64 bytes: R||S for ES256 and ES256K, and EdDSA's.
  private static final int SIGNATURE_CHARS = 86;

  private Jws() {}

  /**
   * A parsed, not yet verified, compact JWS. Its signing input is {@code buffer[inputFrom, inputTo)}, in the buffer
   * it was parsed from; its {@code header} is shared with other parses. Modify neither.
   */
  public record Parsed(ObjectNode header, JWSAlgorithm alg, byte[] buffer, int inputFrom, int inputTo,
      byte[] signature, ObjectNode payload) {

    public String typ() {
      JsonNode t = header.get("typ");
      return t != null && t.isTextual() ? t.textValue() : null;
    }

    public String headerString(String name) {
      JsonNode t = header.get(name);
      return t != null && t.isTextual() ? t.textValue() : null;
    }
  }

  /**
   * A protected header encoded once, to sign any number of payloads under it. Its {@code alg} is the signer's, so a
   * header and a key cannot disagree.
   */
  public static final class Header {
    private final KeyType keyType;
    private final byte[] encoded; // base64url, ASCII

    private Header(KeyType keyType, byte[] encoded) {
      this.keyType = keyType;
      this.encoded = encoded;
    }

    /**
     * {@code alg} for {@code signer}'s key type followed by {@code members} (name, value, name, value, …; null
     * values are left out).
     */
    public static Header of(Signer signer, String... members) {
      ObjectNode h = Json.object().put("alg", signer.keyType().jwsAlgorithm().getName());
      for (int i = 0; i < members.length; i += 2) {
        if (members[i + 1] != null) {
          h.put(members[i], members[i + 1]);
        }
      }
      return new Header(signer.keyType(), B64.encode(Json.writeBytes(h)));
    }
  }

  /**
   * Signs {@code payload} (JSON bytes) as a compact JWS under {@code header}.
   *
   * @throws IllegalArgumentException if the header was made for a different key type
   * @throws KeyException if the signer fails
   */
  public static String sign(Signer signer, Header header, byte[] payload) {
    return new String(sign(signer, header, payload, payload.length, 0), StandardCharsets.US_ASCII);
  }

  /**
   * {@link #sign(Signer, Header, byte[])} of the first {@code length} bytes of {@code payload}, as ASCII bytes
   * followed by {@code spare} zero bytes for the caller to fill (an SD-JWT's disclosures). The token is assembled in
   * one array and signed in place: an issuance copies each of its bytes as few times as it can.
   */
  public static byte[] sign(Signer signer, Header header, byte[] payload, int length, int spare) {
    if (signer.keyType() != header.keyType) {
      throw new IllegalArgumentException("header alg " + header.keyType.jwsAlgorithm() + " does not match the signer's "
          + signer.keyType().jwsAlgorithm());
    }
    byte[] encodedPayload = B64.encode(ByteBuffer.wrap(payload, 0, length)).array(); // exactly the encoded bytes
    int input = header.encoded.length + 1 + encodedPayload.length;
    byte[] jws = new byte[input + 1 + SIGNATURE_CHARS + spare];
    System.arraycopy(header.encoded, 0, jws, 0, header.encoded.length);
    jws[header.encoded.length] = '.';
    System.arraycopy(encodedPayload, 0, jws, header.encoded.length + 1, encodedPayload.length);
    byte[] signature = B64.encode(signer.sign(jws, 0, input));
    if (signature.length != SIGNATURE_CHARS) { // a signer breaking its contract; keep the token well-formed anyway
      jws = Arrays.copyOf(jws, input + 1 + signature.length + spare);
    }
    jws[input] = '.';
    System.arraycopy(signature, 0, jws, input + 1, signature.length);
    return jws;
  }

  /**
   * Parses a compact JWS, checking algorithm and {@code crit}. Records a failed check and returns null on any
   * problem.
   */
  public static Parsed parse(String compact, Set<JWSAlgorithm> accepted, String what, Checks checks) {
    TokenBytes token = new TokenBytes(compact);
    return parse(token, 0, token.length(), accepted, what, checks);
  }

  /** {@link #parse(String, Set, String, Checks)} of the characters {@code [from, to)} of a token, in place. */
  public static Parsed parse(TokenBytes token, int from, int to, Set<JWSAlgorithm> accepted, String what,
      Checks checks) {
    int d1 = token.indexOf('.', from, to);
    int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1, to);
    if (d1 <= from || d2 < 0 || token.indexOf('.', d2 + 1, to) >= 0) {
      checks.fail(CheckCode.MALFORMED, what + " is not a compact JWS (expected three dot-separated parts)");
      return null;
    }
    byte[] buf = token.bytes();
    ObjectNode header;
    ObjectNode payload;
    try {
      header = header(buf, from, d1);
      payload = parseObjectPart(buf, d1 + 1, d2);
    } catch (IllegalArgumentException e) {
      checks.fail(CheckCode.MALFORMED, what + " has a part that is not base64url");
      return null;
    } catch (Json.JsonException e) {
      checks.fail(e.tooLarge ? CheckCode.TOO_LARGE : CheckCode.MALFORMED, what + ": " + e.getMessage());
      return null;
    }
    JWSAlgorithm alg = checkAlgorithm(header.get("alg"), accepted, what, checks);
    if (alg == null) {
      return null;
    }
    JsonNode crit = header.get("crit");
    if (crit != null) {
      // We understand no critical extension; RFC 7515 section 4.1.11 requires rejecting them.
      checks.fail(CheckCode.CRITICAL_HEADER, what + " marks header parameters " + crit
          + " as critical; none are understood");
      return null;
    }
    if (header.has("b64")) {
      checks.fail(CheckCode.MALFORMED, what + " uses the b64 header, which is not supported");
      return null;
    }
    byte[] signature;
    try {
      signature = d2 + 1 < to ? Base64Url.decode(buf, d2 + 1, to) : null;
    } catch (IllegalArgumentException e) {
      signature = null;
    }
    if (signature == null) {
      checks.fail(CheckCode.MALFORMED, what + " signature is empty or not base64url");
      return null;
    }
    // The signing input stays where it is, in the caller's buffer.
    return new Parsed(header, alg, buf, from, d2, signature, payload);
  }

  // Protected headers repeat: there is one per issuer key and token type, and a key-binding header is the same for
  // every holder using an algorithm. Each is parsed once and then shared, read-only. Bounded, as headers come from
  // untrusted input: a flood of distinct ones only empties the cache.
  private static final int CACHED_HEADERS = 256;
  private static final int CACHED_HEADER_LENGTH = 512;
  private static final Map<String, ObjectNode> HEADERS = new ConcurrentHashMap<>();

  /** The header {@code buf[from, to)} (base64url) as parsed JSON, never to be modified. */
  private static ObjectNode header(byte[] buf, int from, int to) throws Json.JsonException {
    if (to - from > CACHED_HEADER_LENGTH) {
      return parseObjectPart(buf, from, to);
    }
    String encoded = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    ObjectNode header = HEADERS.get(encoded);
    if (header == null) {
      header = parseObjectPart(buf, from, to);
      if (HEADERS.size() >= CACHED_HEADERS) {
        HEADERS.clear();
      }
      HEADERS.put(encoded, header);
    }
    return header;
  }

  private static ObjectNode parseObjectPart(byte[] buf, int from, int to) throws Json.JsonException {
    return Json.parseObject(Base64Url.decode(buf, from, to));
  }

  private static JWSAlgorithm checkAlgorithm(JsonNode algNode, Set<JWSAlgorithm> accepted, String what,
      Checks checks) {
    if (algNode == null || !algNode.isTextual()) {
      checks.fail(CheckCode.ALGORITHM, what + " has no alg header");
      return null;
    }
    String name = algNode.textValue();
    if (name.equalsIgnoreCase("none")) {
      checks.fail(CheckCode.ALGORITHM, what + " is unsecured (alg none); a signature is required");
      return null;
    }
    JWSAlgorithm alg = JWSAlgorithm.parse(name);
    if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
      checks.fail(CheckCode.ALGORITHM, what + " uses symmetric " + name + "; only " + accepted + " are accepted");
      return null;
    }
    if (!accepted.contains(alg)) {
      checks.fail(CheckCode.ALGORITHM, what + " uses alg " + name + "; accepted: " + accepted);
      return null;
    }
    checks.pass(CheckCode.ALGORITHM, what + " alg " + name);
    return alg;
  }

  /** Makes a relative DID URL kid ({@code #key-1}) absolute against its owner. */
  public static String absoluteKid(String owner, String kid) {
    return kid != null && kid.startsWith("#") && owner != null ? owner + kid : kid;
  }

  /**
   * Resolves the signer's key from {@code (owner, kid)} (checking that a DID URL kid belongs to a DID owner) and
   * verifies {@code p}; key problems are recorded under {@code keyCode}, a bad signature under {@code sigCode}.
   */
  public static boolean verifyResolved(Parsed p, String owner, String kid, io.zhixin.credentials.IssuerKeyResolver keys,
      JwsVerifiers verifiers, CheckCode keyCode, CheckCode sigCode, String what, Checks checks) {
    kid = absoluteKid(owner, kid);
    if (owner != null && kid != null && owner.startsWith("did:") && kid.startsWith("did:")
        && !kid.startsWith(owner + "#")) {
      return checks.fail(keyCode, what + ": kid " + kid + " is not a verification method of " + owner);
    }
    com.nimbusds.jose.jwk.JWK key;
    try {
      key = keys.resolve(owner, kid);
    } catch (RuntimeException e) {
      return checks.fail(keyCode, what + ": resolving the key of " + owner + " (kid " + kid + ") failed: "
          + e.getClass().getSimpleName());
    }
    if (key == null) {
      return checks.fail(keyCode, what + ": no key known for " + owner + " (kid " + kid + ")");
    }
    checks.pass(keyCode, what + ": key found for " + owner);
    return verify(p, key.isPrivate() ? key.toPublicJWK() : key, verifiers, sigCode, what, checks);
  }

  /**
   * Verifies the signature of {@code p} with {@code key} (checking that the algorithm matches the key) and records
   * the check under {@code code}.
   */
  public static boolean verify(Parsed p, com.nimbusds.jose.jwk.JWK key, JwsVerifiers verifiers, CheckCode code,
      String what, Checks checks) {
    SignatureVerifier v;
    try {
      v = verifiers.forKey(key, p.alg());
    } catch (JwsVerifiers.KeyMismatchException e) {
      return checks.fail(CheckCode.ALGORITHM, what + ": " + e.getMessage());
    }
    // False for a signature of the wrong length, too.
    boolean ok = v.verify(p.buffer(), p.inputFrom(), p.inputTo() - p.inputFrom(), p.signature());
    if (!ok) {
      return checks.fail(code, what + " signature does not verify with the expected " + p.alg() + " key");
    }
    checks.pass(code, what + " signature verified (" + p.alg() + ")");
    return true;
  }
}
