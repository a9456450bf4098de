package io.zhixin.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.SignatureVerifier;
import java.util.Set;

/**
 * A Nimbus {@link JWSVerifier} over a {@link SignatureVerifier}, so that Nimbus objects verify on the provider
 * Zhixin chose (Nimbus' EdDSA verifier takes no provider at all). Like Nimbus' own verifiers it refuses tokens
 * with critical header parameters it does not understand.
 */
public final class SignatureJwsVerifier implements JWSVerifier {
  private final SignatureVerifier verifier;
  private final Set<JWSAlgorithm> algorithms;
  private final JCAContext jca = new JCAContext();
  private final CriticalHeaderParamsDeferral crit = new CriticalHeaderParamsDeferral();

  public SignatureJwsVerifier(SignatureVerifier verifier) {
    this.verifier = verifier;
    JWSAlgorithm alg = verifier.keyType().jwsAlgorithm();
    // RFC 9864 names the fully specified Ed25519 algorithm; EdDSA is its older, polymorphic name.
    this.algorithms = verifier.keyType() == KeyType.ED25519 ? Set.of(alg, JWSAlgorithm.Ed25519) : Set.of(alg);
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
    if (!algorithms.contains(header.getAlgorithm())) {
      throw new JOSEException("unsupported JWS algorithm " + header.getAlgorithm() + ", expected " + algorithms);
    }
    return crit.headerPasses(header) && verifier.verify(signingInput, signature.decode());
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return algorithms;
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }
}
