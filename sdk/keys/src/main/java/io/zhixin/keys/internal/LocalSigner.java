package io.zhixin.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyException.Reason;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.Signer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.util.Objects;

/** A {@link Signer} over an in-memory JCA private key. Thread-safe: one engine per call. */
public final class LocalSigner implements Signer {
  private final KeyType type;
  private final JWK publicJwk;
  private final PrivateKey privateKey;
  private final Provider provider;

  public LocalSigner(KeyType type, JWK publicJwk, PrivateKey privateKey, Provider provider) {
    this.type = type;
    this.publicJwk = publicJwk;
    this.privateKey = privateKey;
    this.provider = provider;
  }

  @Override
  public KeyType keyType() {
    return type;
  }

  @Override
  public JWK publicJwk() {
    return publicJwk;
  }

  @Override
  public byte[] sign(byte[] signingInput) {
    return sign(signingInput, 0, signingInput.length);
  }

  @Override
  public byte[] sign(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    try {
      Signature engine = JcaKeys.engine(type, provider);
      engine.initSign(privateKey);
      engine.update(buffer, offset, length);
      byte[] sig = engine.sign();
      // JCA gives ECDSA signatures in DER; JOSE wants fixed-length R||S.
      return type == KeyType.ED25519 ? sig : ECDSA.transcodeSignatureToConcat(sig, 64);
    } catch (GeneralSecurityException | JOSEException e) {
      throw new KeyException(Reason.SIGNING_FAILED,
          type.jwsAlgorithm() + " signing failed with provider " + provider.getName() + ": "
              + e.getClass().getSimpleName());
    }
  }

  @Override
  public String toString() {
    return "LocalSigner{" + type.jwsAlgorithm() + ", provider=" + provider.getName() + "}";
  }
}
