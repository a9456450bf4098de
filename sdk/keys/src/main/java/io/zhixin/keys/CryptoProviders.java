package io.zhixin.keys;

import io.zhixin.keys.internal.ProviderProbe;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which JCA provider serves each algorithm (ES256, EdDSA, ES256K). Immutable and thread-safe.
 *
 * <p>{@link #defaults()} prefers Conscrypt (BoringSSL, about 20× faster ECDSA than SunEC) for each algorithm it
 * really serves, checked by a known-answer test, and falls back to the JDK (SunEC) for ES256 and EdDSA and to
 * BouncyCastle for ES256K, which neither the JDK 17 nor Conscrypt implements. Providers are never registered
 * globally ({@code Security.addProvider} is not called). The choice is logged once, as one INFO line.
 *
 * <pre>{@code
 * CryptoProviders p = CryptoProviders.builder().conscrypt(false).build();  // JDK + BouncyCastle only
 * Signer s = KeyPair.generate(KeyType.P256).signer(p);
 * }</pre>
 */
public final class CryptoProviders {
  private static final Logger LOG = LoggerFactory.getLogger(CryptoProviders.class);

  private final Map<KeyType, Provider> providers;

  private CryptoProviders(Map<KeyType, Provider> providers) {
    this.providers = providers;
  }

  /** The process default, computed (and logged) on first use, not at class load. */
  public static CryptoProviders defaults() {
    return Defaults.INSTANCE;
  }

  /** A builder starting from the same preferences as {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The provider that signs and verifies for keys of {@code type}. */
  public Provider provider(KeyType type) {
    return providers.get(Objects.requireNonNull(type, "type"));
  }

  /**
   * A new {@link SecureRandom} for bulk random bytes, such as SD-JWT salts: Conscrypt's (BoringSSL's
   * {@code RAND_bytes}, a CTR-DRBG, seven times as fast as the JDK's DRBG here) when Conscrypt serves ES256, else
   * the JDK's {@code DRBG}.
   */
  public SecureRandom secureRandom() {
    Provider p256 = provider(KeyType.P256);
    if (ProviderProbe.CONSCRYPT.equals(p256.getName())) {
      try {
        return SecureRandom.getInstance("SHA1PRNG", p256); // Conscrypt's name for RAND_bytes: no SHA-1 involved
      } catch (NoSuchAlgorithmException e) {
        // an unusual build of Conscrypt: the JDK's below
      }
    }
    try {
      return SecureRandom.getInstance("DRBG"); // NIST SP 800-90A Hash_DRBG, seeded by the system
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CryptoProviders{");
    for (KeyType t : KeyType.values()) {
      sb.append(t == KeyType.P256 ? "" : ", ").append(t.jwsAlgorithm()).append('=').append(provider(t).getName());
    }
    return sb.append('}').toString();
  }

  /** Builds a {@link CryptoProviders}; unspecified algorithms get the default choice. */
  public static final class Builder {
    private final Map<KeyType, Provider> explicit = new EnumMap<>(KeyType.class);
    private boolean conscrypt = true;

    private Builder() {}

    /** Whether to try Conscrypt (default true). When false, the JDK and BouncyCastle serve everything. */
    public Builder conscrypt(boolean tryConscrypt) {
      this.conscrypt = tryConscrypt;
      return this;
    }

    /** Uses {@code provider} for keys of {@code type}, without probing it. */
    public Builder provider(KeyType type, Provider provider) {
      explicit.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /** Picks the providers and logs the choice as one line. */
    public CryptoProviders build() {
      Map<KeyType, Provider> chosen = new EnumMap<>(explicit);
      Provider conscryptProvider = null;
      if (conscrypt && (!chosen.containsKey(KeyType.P256) || !chosen.containsKey(KeyType.ED25519))) {
        conscryptProvider = ProviderProbe.loadConscrypt();
      }
      Provider bc = null;
      Provider sunEc = Security.getProvider("SunEC");
      for (KeyType t : KeyType.values()) {
        if (chosen.containsKey(t)) {
          continue;
        }
        if (t != KeyType.SECP256K1 && conscryptProvider != null && ProviderProbe.works(t, conscryptProvider)) {
          chosen.put(t, conscryptProvider);
        } else if (t != KeyType.SECP256K1 && sunEc != null && ProviderProbe.works(t, sunEc)) {
          chosen.put(t, sunEc);
        } else {
          if (bc == null) {
            bc = new BouncyCastleProvider();
          }
          chosen.put(t, bc);
        }
      }
      CryptoProviders result = new CryptoProviders(Map.copyOf(chosen));
      LOG.info("Zhixin JCA providers: ES256={}, EdDSA={}, ES256K={}",
          result.provider(KeyType.P256).getName(), result.provider(KeyType.ED25519).getName(),
          result.provider(KeyType.SECP256K1).getName());
      return result;
    }
  }

  // Holder idiom: the probe runs on first use of defaults(), never when the class is loaded.
  private static final class Defaults {
    static final CryptoProviders INSTANCE = builder().build();
  }
}
