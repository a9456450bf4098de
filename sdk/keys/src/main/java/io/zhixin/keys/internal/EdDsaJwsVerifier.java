package io.zhixin.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.CriticalHeaderParamsDeferral;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyType;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Set;

/**
 * Nimbus {@link JWSVerifier} for EdDSA over a JCA provider (Nimbus' own uses Tink and takes no provider).
 * Like Nimbus' verifiers it refuses tokens with critical header parameters it does not understand.
 */
public final class EdDsaJwsVerifier implements JWSVerifier {
  private static final Set<JWSAlgorithm> ALGS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
  private final PublicKey key;
  private final Provider provider;
  private final JCAContext jca = new JCAContext();
  private final CriticalHeaderParamsDeferral crit = new CriticalHeaderParamsDeferral();

  public EdDsaJwsVerifier(PublicKey key, Provider provider) {
    this.key = key;
    this.provider = provider;
    jca.setProvider(provider);
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
    if (!ALGS.contains(header.getAlgorithm())) {
      throw new JOSEException("unsupported JWS algorithm " + header.getAlgorithm() + ", expected EdDSA");
    }
    if (!crit.headerPasses(header)) {
      return false;
    }
    byte[] sig = signature.decode();
    if (sig.length != 64) {
      return false;
    }
    try {
      Signature s = JcaKeys.signature(KeyType.ED25519, provider);
      s.initVerify(key);
      s.update(signingInput);
      return s.verify(sig);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return ALGS;
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }
}
