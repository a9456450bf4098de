package io.zhixin.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.keys.internal.SignatureJwsVerifier;
import io.zhixin.keys.internal.SignerJwsSigner;
import java.util.Objects;

/**
 * Bridges Zhixin keys to Nimbus JOSE: a {@link JWSSigner} from any {@link Signer} and a {@link JWSVerifier} for
 * a public JWK, on the providers chosen by {@link CryptoProviders}.
 *
 * <pre>{@code
 * SignedJWT jwt = new SignedJWT(new JWSHeader(signer.keyType().jwsAlgorithm()), claims);
 * jwt.sign(Jws.signer(signer));
 * boolean ok = jwt.verify(Jws.verifier(signer.publicJwk()));
 * }</pre>
 */
public final class Jws {
  private Jws() {}

  /** A Nimbus signer that signs through {@code signer}; it refuses headers whose {@code alg} differs from the key's. */
  public static JWSSigner signer(Signer signer) {
    return new SignerJwsSigner(Objects.requireNonNull(signer, "signer"));
  }

  /** A verifier for {@code publicJwk} on {@link CryptoProviders#defaults()}. */
  public static JWSVerifier verifier(JWK publicJwk) {
    return verifier(publicJwk, CryptoProviders.defaults());
  }

  /**
   * A verifier for {@code publicJwk} (P-256, Ed25519 or secp256k1) on the given providers. The key is checked to
   * lie on its curve first.
   *
   * @throws KeyException {@code INVALID_KEY} for a malformed key, {@code UNSUPPORTED_KEY_TYPE} for other curves
   */
  public static JWSVerifier verifier(JWK publicJwk, CryptoProviders providers) {
    return new SignatureJwsVerifier(SignatureVerifier.of(publicJwk, providers));
  }
}
