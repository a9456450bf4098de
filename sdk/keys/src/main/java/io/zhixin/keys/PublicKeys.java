package io.zhixin.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyException.Reason;
import io.zhixin.keys.internal.Curves;
import java.text.ParseException;
import java.util.Map;
import java.util.Objects;

/**
 * Public keys as JWKs: parsing with validation, raw encodings (SEC1 compressed points, raw Ed25519) and RFC 7638
 * thumbprints. Accepts EC keys on P-256, P-384, P-521 and secp256k1 and OKP keys on Ed25519 and X25519; every EC
 * key is checked to lie on its curve and every Ed25519 key to be a valid point.
 */
public final class PublicKeys {
  private PublicKeys() {}

  /**
   * Parses a public JWK from JSON.
   *
   * @throws KeyException {@code INVALID_KEY} if malformed, off the curve or carrying private members;
   *     {@code UNSUPPORTED_KEY_TYPE} for other key types
   */
  public static JWK parse(String json) {
    Objects.requireNonNull(json, "json");
    try {
      return validate(JWK.parse(json));
    } catch (ParseException e) {
      throw new KeyException(Reason.INVALID_KEY, "malformed JWK: not a JSON object with valid kty, crv and key members");
    }
  }

  /** Parses a public JWK from a JSON object already parsed into a map; same checks as {@link #parse(String)}. */
  public static JWK parse(Map<String, Object> jsonObject) {
    Objects.requireNonNull(jsonObject, "jsonObject");
    try {
      return validate(JWK.parse(jsonObject));
    } catch (ParseException e) {
      throw new KeyException(Reason.INVALID_KEY, "malformed JWK: not a JSON object with valid kty, crv and key members");
    }
  }

  /**
   * Checks a public JWK and returns it (its public members only).
   *
   * @throws KeyException {@code INVALID_KEY} if it holds private members (a leak to refuse, not to strip) or is
   *     not a valid point; {@code UNSUPPORTED_KEY_TYPE} for other key types
   */
  public static JWK validate(JWK jwk) {
    Objects.requireNonNull(jwk, "jwk");
    if (!(jwk instanceof ECKey) && !(jwk instanceof OctetKeyPair)) {
      throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE,
          "unsupported key type: expected kty EC or OKP, found " + jwk.getKeyType());
    }
    if (jwk.isPrivate()) {
      throw new KeyException(Reason.INVALID_KEY, "expected a public JWK, found private key members");
    }
    return Curves.validatePublic(jwk);
  }

  /**
   * Decodes a raw public key: a SEC1 point (33-byte compressed or 65-byte uncompressed for 256-bit curves) for EC
   * curves, 32 bytes for Ed25519 and X25519.
   *
   * @throws KeyException {@code INVALID_KEY} for a wrong length or a point not on the curve
   */
  public static JWK fromBytes(Curve curve, byte[] encoded) {
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(encoded, "encoded");
    if (Curves.isEc(curve)) {
      return Curves.decodeEcPoint(curve, encoded);
    }
    if (Curves.isOkp(curve)) {
      return validate(new OctetKeyPair.Builder(curve, Base64URL.encode(encoded)).build());
    }
    throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE, "unsupported curve: " + curve);
  }

  /** The raw encoding of a public key: SEC1 compressed point for EC, the 32 bytes for OKP. */
  public static byte[] toBytes(JWK jwk) {
    JWK pub = validate(jwk.isPrivate() ? jwk.toPublicJWK() : jwk);
    if (pub instanceof ECKey) {
      return Curves.compress((ECKey) pub);
    }
    return ((OctetKeyPair) pub).getX().decode();
  }

  /** The curve of an EC or OKP JWK. */
  public static Curve curve(JWK jwk) {
    if (jwk instanceof ECKey) {
      return ((ECKey) jwk).getCurve();
    }
    if (jwk instanceof OctetKeyPair) {
      return ((OctetKeyPair) jwk).getCurve();
    }
    throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE, "unsupported key type: " + jwk.getKeyType());
  }

  /** The RFC 7638 SHA-256 thumbprint, base64url without padding (public members only, so safe on any JWK). */
  public static String thumbprint(JWK jwk) {
    try {
      return jwk.computeThumbprint().toString();
    } catch (JOSEException e) {
      throw new KeyException(Reason.INVALID_KEY, "cannot compute the JWK thumbprint: " + e.getMessage());
    }
  }
}
