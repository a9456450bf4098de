package io.zhixin.keys.internal;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a provider really serves an algorithm: a known-answer test through the same key conversion
 * path the SDK uses, not just a service lookup. Not part of the public API.
 */
public final class ProviderProbe {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderProbe.class);
  private static final HexFormat HEX = HexFormat.of();

  // RFC 8032 §7.1 TEST 2 (one-byte message 0x72).
  private static final byte[] ED_SEED = HEX.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
  private static final byte[] ED_PUB = HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
  private static final byte[] ED_MSG = {0x72};
  private static final byte[] ED_SIG = HEX.parseHex("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
      + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
  // A fixed P-256 scalar; its public point is derived, so a typo cannot make every provider "fail".
  private static final byte[] P256_D = HEX.parseHex("c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721");

  private ProviderProbe() {}

  /** Conscrypt's provider name. */
  public static final String CONSCRYPT = "Conscrypt";

  /** Loads Conscrypt's provider, or returns null (logged at debug) when its native library cannot load here. */
  public static Provider loadConscrypt() {
    try {
      return new org.conscrypt.OpenSSLProvider();
    } catch (LinkageError | RuntimeException e) {
      LOG.debug("Conscrypt unavailable: {}", e.toString());
      return null;
    }
  }

  /** Whether {@code provider} signs and verifies {@code type} correctly through our key conversion. */
  public static boolean works(KeyType type, Provider provider) {
    try {
      byte[] msg = "zhixin provider probe".getBytes(StandardCharsets.US_ASCII);
      if (type == KeyType.ED25519) {
        JWK priv = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(ED_PUB)).d(Base64URL.encode(ED_SEED))
            .build();
        Signature s = JcaKeys.engine(type, provider);
        s.initSign(JcaKeys.privateKey(priv, provider));
        s.update(ED_MSG);
        if (!Arrays.equals(s.sign(), ED_SIG)) {
          return false;
        }
        s = JcaKeys.engine(type, provider);
        s.initVerify(JcaKeys.publicKey(priv.toPublicJWK(), provider));
        s.update(ED_MSG);
        return s.verify(ED_SIG);
      }
      if (type == KeyType.P256) {
        ECKey p256 = new ECKey.Builder(Curves.publicFromPrivate(Curve.P_256, P256_D)).d(Base64URL.encode(P256_D)).build();
        Signature s = JcaKeys.engine(type, provider);
        s.initSign(JcaKeys.privateKey(p256, provider));
        s.update(msg);
        byte[] sig = s.sign();
        s = JcaKeys.engine(type, provider);
        s.initVerify(JcaKeys.publicKey(p256.toPublicJWK(), provider));
        s.update(msg);
        if (!s.verify(sig)) {
          return false;
        }
        // A one-bit change must fail, or the provider is not verifying at all.
        sig[sig.length - 1] ^= 1;
        s.initVerify(JcaKeys.publicKey(p256.toPublicJWK(), provider));
        s.update(msg);
        try {
          return !s.verify(sig);
        } catch (java.security.SignatureException e) {
          return true;
        }
      }
      return false;
    } catch (Exception | LinkageError e) {
      LOG.debug("provider {} does not serve {}: {}", provider.getName(), type.jwsAlgorithm(), e.toString());
      return false;
    }
  }
}
