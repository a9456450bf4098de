package io.zhixin.keys;

import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.keys.KeyException.Reason;
import io.zhixin.keys.internal.EdDsaJwsVerifier;
import io.zhixin.keys.internal.JcaKeys;
import io.zhixin.keys.internal.SignerJwsSigner;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.interfaces.ECPublicKey;
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
    JWK pub = PublicKeys.validate(publicJwk);
    KeyType type = JcaKeys.keyType(pub);
    Provider provider = providers.provider(type);
    try {
      if (type == KeyType.ED25519) {
        return new EdDsaJwsVerifier(JcaKeys.publicKey(pub, provider), provider);
      }
      ECDSAVerifier v = new ECDSAVerifier((ECPublicKey) JcaKeys.publicKey((ECKey) pub, provider));
      v.getJCAContext().setProvider(provider);
      return v;
    } catch (GeneralSecurityException | com.nimbusds.jose.JOSEException e) {
      throw new KeyException(Reason.INVALID_KEY, "cannot make a " + type.jwsAlgorithm() + " verifier: " + e.getMessage(), e);
    }
  }
}
