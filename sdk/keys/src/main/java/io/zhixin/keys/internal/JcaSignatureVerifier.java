package io.zhixin.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.keys.CryptoProviders;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyException.Reason;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.SignatureVerifier;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;

/** A {@link SignatureVerifier} over a JCA public key of the chosen provider. Thread-safe: engines are per thread. */
public final class JcaSignatureVerifier implements SignatureVerifier {
  private static final int JOSE_SIGNATURE_LENGTH = 64;

  private final KeyType type;
  private final PublicKey key;
  private final Provider provider;

  private JcaSignatureVerifier(KeyType type, PublicKey key, Provider provider) {
    this.type = type;
    this.key = key;
    this.provider = provider;
  }

  /** @param publicJwk an already validated public JWK */
  public static JcaSignatureVerifier create(JWK publicJwk, CryptoProviders providers) {
    KeyType type = JcaKeys.keyType(publicJwk);
    Provider provider = providers.provider(type);
    try {
      return new JcaSignatureVerifier(type, JcaKeys.publicKey(publicJwk, provider), provider);
    } catch (GeneralSecurityException e) {
      throw new KeyException(Reason.INVALID_KEY, "cannot make a " + type.jwsAlgorithm() + " verifier with provider "
          + provider.getName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public KeyType keyType() {
    return type;
  }

  @Override
  public boolean verify(byte[] signingInput, byte[] signature) {
    return signingInput != null && verify(signingInput, 0, signingInput.length, signature);
  }

  @Override
  public boolean verify(byte[] buffer, int offset, int length, byte[] signature) {
    if (buffer == null || offset < 0 || length < 0 || offset > buffer.length - length || signature == null
        || signature.length != JOSE_SIGNATURE_LENGTH) {
      return false;
    }
    try {
      byte[] sig = signature;
      if (type != KeyType.ED25519) {
        // A zero R or S verifies against any message on some JDKs (CVE-2022-21449): refuse it before the provider.
        if (isZero(signature, 0) || isZero(signature, 32)) {
          return false;
        }
        sig = ECDSA.transcodeSignatureToDER(signature); // JCA wants DER; JOSE carries R||S
      }
      Signature engine = JcaKeys.engine(type, provider);
      engine.initVerify(key);
      engine.update(buffer, offset, length);
      return engine.verify(sig);
    } catch (GeneralSecurityException | JOSEException | RuntimeException e) {
      return false;
    }
  }

  private static boolean isZero(byte[] b, int from) {
    int acc = 0;
    for (int i = from; i < from + 32; i++) {
      acc |= b[i];
    }
    return acc == 0;
  }

  @Override
  public String toString() {
    return "SignatureVerifier{" + type.jwsAlgorithm() + ", provider=" + provider.getName() + "}";
  }
}
