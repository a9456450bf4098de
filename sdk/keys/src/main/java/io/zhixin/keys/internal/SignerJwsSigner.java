package io.zhixin.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.Signer;
import java.util.Set;

/** Adapts a Zhixin {@link Signer} (local, KMS or HSM) to Nimbus' {@link JWSSigner}. */
public final class SignerJwsSigner implements JWSSigner {
  private final Signer signer;
  private final JCAContext jca = new JCAContext();

  public SignerJwsSigner(Signer signer) {
    this.signer = signer;
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    JWSAlgorithm expected = signer.keyType().jwsAlgorithm();
    if (!expected.equals(header.getAlgorithm())) {
      throw new JOSEException("JWS header alg " + header.getAlgorithm() + " does not match the "
          + signer.keyType() + " key, expected " + expected);
    }
    try {
      return Base64URL.encode(signer.sign(signingInput));
    } catch (KeyException e) {
      throw new JOSEException(e.getMessage(), e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(signer.keyType().jwsAlgorithm());
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }
}
