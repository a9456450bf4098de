package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our signatures verify with Nimbus' own verifiers (Tink for EdDSA), and theirs with ours. */
class JwsInteropTest {

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void oursVerifyWithNimbus_andNimbusVerifiesWithOurs(KeyType type) throws Exception {
    KeyPair key = KeyPair.generate(type);
    JWSObject ours = new JWSObject(new JWSHeader(type.jwsAlgorithm()), new Payload("from zhixin"));
    ours.sign(Jws.signer(key.signer()));
    JWSObject theirs = new JWSObject(new JWSHeader(type.jwsAlgorithm()), new Payload("from nimbus"));
    theirs.sign(nimbusSigner(key));

    assertThat(JWSObject.parse(ours.serialize()).verify(nimbusVerifier(key))).isTrue();
    assertThat(JWSObject.parse(theirs.serialize()).verify(Jws.verifier(key.publicJwk()))).isTrue();
  }

  private static JWSSigner nimbusSigner(KeyPair key) throws Exception {
    if (key.keyType() == KeyType.ED25519) {
      return new Ed25519Signer((OctetKeyPair) key.privateJwk(SecretAccess.insecure()));
    }
    ECKey ec = (ECKey) key.privateJwk(SecretAccess.insecure());
    BouncyCastleProvider bc = new BouncyCastleProvider();
    ECDSASigner s = new ECDSASigner(ec.toECPrivateKey(bc), ec.getCurve());
    s.getJCAContext().setProvider(bc);
    return s;
  }

  private static JWSVerifier nimbusVerifier(KeyPair key) throws Exception {
    if (key.keyType() == KeyType.ED25519) {
      return new Ed25519Verifier((OctetKeyPair) key.publicJwk());
    }
    BouncyCastleProvider bc = new BouncyCastleProvider();
    ECDSAVerifier v = new ECDSAVerifier(((ECKey) key.publicJwk()).toECPublicKey(bc));
    v.getJCAContext().setProvider(bc);
    return v;
  }
}
