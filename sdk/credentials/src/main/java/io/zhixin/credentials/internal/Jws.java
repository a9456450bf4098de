package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.credentials.CheckCode;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.Signer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Compact JWS for Zhixin: signing through a {@link Signer} and Nimbus, and parsing/verifying untrusted input with
 * Jackson (one parse of header and payload each) and Nimbus verifiers.
 */
public final class Jws {

  private Jws() {}

  /** A parsed, not yet verified, compact JWS. */
  public record Parsed(ObjectNode header, JWSAlgorithm alg, byte[] signingInput, Base64URL signature,
      ObjectNode payload) {

    public String typ() {
      JsonNode t = header.get("typ");
      return t != null && t.isTextual() ? t.textValue() : null;
    }

    public String headerString(String name) {
      JsonNode t = header.get(name);
      return t != null && t.isTextual() ? t.textValue() : null;
    }
  }

  /** Signs {@code payload} under {@code header} (whose alg must match the signer's key type). */
  public static String sign(Signer signer, JWSHeader header, byte[] payload) {
    JWSAlgorithm alg = signer.keyType().jwsAlgorithm();
    if (!alg.equals(header.getAlgorithm())) {
      throw new IllegalArgumentException("header alg " + header.getAlgorithm() + " does not match the signer's " + alg);
    }
    JWSObject jws = new JWSObject(header, new Payload(payload));
    try {
      jws.sign(io.zhixin.keys.Jws.signer(signer));
    } catch (JOSEException e) {
      throw new KeyException(KeyException.Reason.SIGNING_FAILED, "signing failed: " + e.getMessage(), e);
    }
    return jws.serialize();
  }

  /**
   * Parses a compact JWS, checking algorithm and {@code crit}. Records a failed check and returns null on any
   * problem.
   */
  public static Parsed parse(String compact, Set<JWSAlgorithm> accepted, String what, Checks checks) {
    int d1 = compact.indexOf('.');
    int d2 = d1 < 0 ? -1 : compact.indexOf('.', d1 + 1);
    if (d1 <= 0 || d2 < 0 || compact.indexOf('.', d2 + 1) >= 0) {
      checks.fail(CheckCode.MALFORMED, what + " is not a compact JWS (expected three dot-separated parts)");
      return null;
    }
    ObjectNode header;
    ObjectNode payload;
    String sig;
    try {
      Base64.Decoder dec = Base64.getUrlDecoder();
      header = Json.parseObject(dec.decode(compact.substring(0, d1)));
      payload = Json.parseObject(dec.decode(compact.substring(d1 + 1, d2)));
      sig = compact.substring(d2 + 1);
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
    if (!isBase64Url(sig)) {
      checks.fail(CheckCode.MALFORMED, what + " signature is empty or not base64url");
      return null;
    }
    if (header.has("b64")) {
      checks.fail(CheckCode.MALFORMED, what + " uses the b64 header, which is not supported");
      return null;
    }
    return new Parsed(header, alg, compact.substring(0, d2).getBytes(StandardCharsets.US_ASCII),
        new Base64URL(sig), payload);
  }

  private static boolean isBase64Url(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        return false;
      }
    }
    return !s.isEmpty();
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
    JWSVerifier v;
    try {
      v = verifiers.forKey(key, p.alg());
    } catch (JwsVerifiers.KeyMismatchException e) {
      return checks.fail(CheckCode.ALGORITHM, what + ": " + e.getMessage());
    }
    boolean ok;
    try {
      ok = v.verify(new JWSHeader(p.alg()), p.signingInput(), p.signature());
    } catch (JOSEException | RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      return checks.fail(code, what + " signature does not verify with the expected " + p.alg() + " key");
    }
    checks.pass(code, what + " signature verified (" + p.alg() + ")");
    return true;
  }
}
