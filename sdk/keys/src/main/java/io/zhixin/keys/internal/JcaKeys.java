package io.zhixin.keys.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyException.Reason;
import io.zhixin.keys.KeyType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.IdentityHashMap;
import java.util.Map;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** Turns JWKs into JCA keys and signature engines of a chosen provider. Not part of the public API. */
public final class JcaKeys {
  // id-Ed25519, RFC 8410.
  private static final AlgorithmIdentifier ED25519 = new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));

  private JcaKeys() {}

  // One engine per thread, provider and key type: getInstance costs about a microsecond, a tenth of a Conscrypt
  // ES256 signature, and every use starts with initSign/initVerify, which resets the engine.
  private static final ThreadLocal<Map<Provider, Signature[]>> ENGINES = ThreadLocal.withInitial(IdentityHashMap::new);

  /**
   * The calling thread's signature engine for {@code type} from {@code provider}. Callers must init it before each
   * use and finish with it before the next call on the same thread (engines are not thread-safe or reentrant).
   */
  public static Signature engine(KeyType type, Provider provider) throws GeneralSecurityException {
    Signature[] byType = ENGINES.get().computeIfAbsent(provider, p -> new Signature[KeyType.values().length]);
    Signature s = byType[type.ordinal()];
    if (s == null) {
      s = newEngine(type, provider);
      byType[type.ordinal()] = s;
    }
    return s;
  }

  private static Signature newEngine(KeyType type, Provider provider) throws GeneralSecurityException {
    if (type == KeyType.ED25519) {
      try {
        return Signature.getInstance("Ed25519", provider);
      } catch (GeneralSecurityException e) {
        return Signature.getInstance("EdDSA", provider);
      }
    }
    return Signature.getInstance("SHA256withECDSA", provider);
  }

  /** The JCA public key of a (validated) public JWK. */
  public static PublicKey publicKey(JWK jwk, Provider provider) throws GeneralSecurityException {
    try {
      if (jwk instanceof ECKey) {
        return ((ECKey) jwk).toECPublicKey(provider);
      }
      byte[] spki = new SubjectPublicKeyInfo(ED25519, ((OctetKeyPair) jwk).getX().decode()).getEncoded();
      return edKeyFactory(provider).generatePublic(new X509EncodedKeySpec(spki));
    } catch (JOSEException | IOException e) {
      throw new GeneralSecurityException("cannot convert the public key for provider " + provider.getName(), e);
    }
  }

  /** The JCA private key of a private JWK. The error never carries key material. */
  public static PrivateKey privateKey(JWK jwk, Provider provider) throws GeneralSecurityException {
    try {
      if (jwk instanceof ECKey) {
        return ((ECKey) jwk).toECPrivateKey(provider);
      }
      byte[] seed = ((OctetKeyPair) jwk).getD().decode();
      byte[] pkcs8 = new PrivateKeyInfo(ED25519, new DEROctetString(seed)).getEncoded();
      return edKeyFactory(provider).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (JOSEException | IOException e) {
      throw new GeneralSecurityException("cannot convert the private key for provider " + provider.getName());
    }
  }

  private static KeyFactory edKeyFactory(Provider provider) throws GeneralSecurityException {
    try {
      return KeyFactory.getInstance("Ed25519", provider);
    } catch (GeneralSecurityException e) {
      return KeyFactory.getInstance("EdDSA", provider);
    }
  }

  /** The key type of a JWK, or a typed error for curves we cannot sign or verify with. */
  public static KeyType keyType(JWK jwk) {
    Curve curve = jwk instanceof ECKey ? ((ECKey) jwk).getCurve()
        : jwk instanceof OctetKeyPair ? ((OctetKeyPair) jwk).getCurve() : null;
    if (curve == null) {
      throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE,
          "unsupported key type: expected kty EC or OKP, found " + jwk.getKeyType());
    }
    return KeyType.forCurve(curve);
  }
}
