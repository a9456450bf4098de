package io.zhixin.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;

/**
 * The signature key types Zhixin supports, each bound to exactly one JWS algorithm and JWK curve.
 *
 * <p>P-256 with ES256 is the default everywhere (HAIP makes it mandatory).
 */
public enum KeyType {
  /** NIST P-256 (secp256r1), signs with ES256. JWK {@code kty=EC, crv=P-256}. */
  P256(JWSAlgorithm.ES256, Curve.P_256),
  /** Ed25519, signs with EdDSA. JWK {@code kty=OKP, crv=Ed25519}. */
  ED25519(JWSAlgorithm.EdDSA, Curve.Ed25519),
  /** secp256k1 (Ethereum's curve), signs with ES256K. JWK {@code kty=EC, crv=secp256k1}. */
  SECP256K1(JWSAlgorithm.ES256K, Curve.SECP256K1);

  private final JWSAlgorithm jwsAlgorithm;
  private final Curve curve;

  KeyType(JWSAlgorithm jwsAlgorithm, Curve curve) {
    this.jwsAlgorithm = jwsAlgorithm;
    this.curve = curve;
  }

  /** The JWS algorithm ({@code ES256}, {@code EdDSA} or {@code ES256K}) that keys of this type sign with. */
  public JWSAlgorithm jwsAlgorithm() {
    return jwsAlgorithm;
  }

  /** The JWK curve ({@code P-256}, {@code Ed25519} or {@code secp256k1}). */
  public Curve curve() {
    return curve;
  }

  /**
   * Returns the key type whose JWK curve is {@code curve}.
   *
   * @throws KeyException with {@link KeyException.Reason#UNSUPPORTED_KEY_TYPE} for any other curve
   */
  public static KeyType forCurve(Curve curve) {
    for (KeyType t : values()) {
      if (t.curve.equals(curve)) {
        return t;
      }
    }
    throw new KeyException(KeyException.Reason.UNSUPPORTED_KEY_TYPE,
        "unsupported curve: expected P-256, Ed25519 or secp256k1, found " + curve);
  }

  /**
   * Returns the key type that signs with {@code alg}.
   *
   * @throws KeyException with {@link KeyException.Reason#UNSUPPORTED_KEY_TYPE} for any other algorithm
   */
  public static KeyType forJwsAlgorithm(JWSAlgorithm alg) {
    for (KeyType t : values()) {
      if (t.jwsAlgorithm.equals(alg)) {
        return t;
      }
    }
    throw new KeyException(KeyException.Reason.UNSUPPORTED_KEY_TYPE,
        "unsupported JWS algorithm: expected ES256, EdDSA or ES256K, found " + alg);
  }
}
