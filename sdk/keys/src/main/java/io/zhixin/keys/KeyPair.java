package io.zhixin.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyException.Reason;
import io.zhixin.keys.internal.Curves;
import io.zhixin.keys.internal.JcaKeys;
import io.zhixin.keys.internal.LocalSigner;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.text.ParseException;
import java.util.Objects;

/**
 * An in-memory private key with its public key, of one {@link KeyType}. Immutable and validated: an imported
 * private key is refused unless it derives the public key it comes with.
 *
 * <p>The private key is reachable only through methods that take {@link SecretAccess}; {@link #toString()} shows
 * the type and thumbprint only.
 *
 * <pre>{@code
 * KeyPair key = KeyPair.generate(KeyType.P256);
 * Signer signer = key.signer();
 * JWK pub = key.publicJwk();
 * }</pre>
 */
public final class KeyPair {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeyType type;
  private final JWK privateJwk;
  private final JWK publicJwk;

  private KeyPair(KeyType type, JWK privateJwk) {
    this.type = type;
    this.privateJwk = privateJwk;
    this.publicJwk = privateJwk.toPublicJWK();
  }

  /** Generates a fresh key pair with the default providers. */
  public static KeyPair generate(KeyType type) {
    return generate(type, CryptoProviders.defaults());
  }

  /**
   * Generates a fresh key pair; EC keys come from the provider that serves {@code type}.
   *
   * @throws KeyException {@code SIGNING_FAILED} if the provider cannot generate keys
   */
  public static KeyPair generate(KeyType type, CryptoProviders providers) {
    Objects.requireNonNull(type, "type");
    if (type == KeyType.ED25519) {
      byte[] seed = new byte[32];
      RANDOM.nextBytes(seed);
      return fromPrivateKeyBytes(type, seed);
    }
    Provider provider = providers.provider(type);
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC", provider);
      g.initialize(new ECGenParameterSpec(type == KeyType.P256 ? "secp256r1" : "secp256k1"), RANDOM);
      java.security.KeyPair kp = g.generateKeyPair();
      int n = Curves.fieldBytes(type.curve());
      return fromPrivateKeyBytes(type, Curves.fixed(((ECPrivateKey) kp.getPrivate()).getS(), n));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new KeyException(Reason.SIGNING_FAILED, "cannot generate a " + type + " key with provider "
          + provider.getName() + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Imports a raw private key: the 32-byte seed for Ed25519, the 32-byte big-endian scalar for EC keys.
   *
   * @throws KeyException {@code INVALID_KEY} for a wrong length or a scalar out of range
   */
  public static KeyPair fromPrivateKeyBytes(KeyType type, byte[] privateKey) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(privateKey, "privateKey");
    if (type == KeyType.ED25519) {
      byte[] pub = Curves.ed25519PublicFromSeed(privateKey);
      return new KeyPair(type, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(pub))
          .d(Base64URL.encode(privateKey)).build());
    }
    ECKey pub = Curves.publicFromPrivate(type.curve(), privateKey);
    return new KeyPair(type, new ECKey.Builder(pub).d(Base64URL.encode(privateKey)).build());
  }

  /**
   * Imports a private JWK (with {@code d}) of one of the three key types.
   *
   * @throws KeyException {@code NOT_A_PRIVATE_KEY} without {@code d}; {@code INVALID_KEY} when {@code d} does not
   *     derive the public members; {@code UNSUPPORTED_KEY_TYPE} for other curves
   */
  public static KeyPair fromJwk(JWK privateJwk) {
    Objects.requireNonNull(privateJwk, "privateJwk");
    KeyType type = JcaKeys.keyType(privateJwk);
    if (!privateJwk.isPrivate()) {
      throw new KeyException(Reason.NOT_A_PRIVATE_KEY, "expected a private " + type + " JWK, found a public key");
    }
    byte[] d = privateJwk instanceof ECKey ? ((ECKey) privateJwk).getD().decode()
        : ((OctetKeyPair) privateJwk).getD().decode();
    KeyPair derived = fromPrivateKeyBytes(type, d);
    // Compare key material only (RFC 7638 members), so a kid or use on the input does not matter.
    if (!derived.thumbprint().equals(PublicKeys.thumbprint(Curves.validatePublic(privateJwk.toPublicJWK())))) {
      throw new KeyException(Reason.INVALID_KEY, "the private " + type + " key does not match its public key");
    }
    return derived;
  }

  /** Parses a private JWK from JSON; same checks as {@link #fromJwk(JWK)}. Errors never echo the input. */
  public static KeyPair parseJwk(String json) {
    try {
      return fromJwk(JWK.parse(Objects.requireNonNull(json, "json")));
    } catch (ParseException e) {
      throw new KeyException(Reason.INVALID_KEY, "malformed private JWK");
    }
  }

  /** The key type. */
  public KeyType keyType() {
    return type;
  }

  /** The public key as a JWK (no {@code kid}, no private members). */
  public JWK publicJwk() {
    return publicJwk;
  }

  /** The RFC 7638 thumbprint of the public key. */
  public String thumbprint() {
    return PublicKeys.thumbprint(publicJwk);
  }

  /** A signer for this key on the default providers. */
  public Signer signer() {
    return signer(CryptoProviders.defaults());
  }

  /**
   * A signer for this key on the given providers.
   *
   * @throws KeyException {@code SIGNING_FAILED} if the provider cannot load the key
   */
  public Signer signer(CryptoProviders providers) {
    Provider provider = providers.provider(type);
    try {
      return new LocalSigner(type, publicJwk, JcaKeys.privateKey(privateJwk, provider), provider);
    } catch (GeneralSecurityException e) {
      throw new KeyException(Reason.SIGNING_FAILED, "provider " + provider.getName() + " cannot load the "
          + type + " key");
    }
  }

  /** The private key as a JWK, for export. Handle the result as a secret. */
  public JWK privateJwk(SecretAccess access) {
    SecretAccess.check(access);
    return privateJwk;
  }

  /** The raw private key (Ed25519 seed or EC scalar), a fresh copy. Handle the result as a secret. */
  public byte[] privateKeyBytes(SecretAccess access) {
    SecretAccess.check(access);
    return (privateJwk instanceof ECKey ? ((ECKey) privateJwk).getD() : ((OctetKeyPair) privateJwk).getD()).decode();
  }

  /** Equal when both halves are equal; the private parts are compared in constant time. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof KeyPair)) {
      return false;
    }
    KeyPair other = (KeyPair) o;
    SecretAccess a = SecretAccess.insecure();
    return type == other.type && publicJwk.equals(other.publicJwk)
        && MessageDigest.isEqual(privateKeyBytes(a), other.privateKeyBytes(a));
  }

  @Override
  public int hashCode() {
    return publicJwk.hashCode();
  }

  /** Type and public thumbprint only; never the private key. */
  @Override
  public String toString() {
    return "KeyPair{" + type + ", thumbprint=" + thumbprint() + "}";
  }
}
