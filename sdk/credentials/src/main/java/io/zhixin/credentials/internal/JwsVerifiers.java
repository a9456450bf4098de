package io.zhixin.credentials.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import io.zhixin.keys.CryptoProviders;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyType;
import io.zhixin.keys.SignatureVerifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caches {@link SignatureVerifier}s per public JWK, after checking that the algorithm matches the key, and parsed
 * {@code cnf} keys per JSON value. Thread-safe.
 *
 * <p>The cache matters for speed: converting a JWK to a JCA key costs about as much as an ES256 verify.
 */
public final class JwsVerifiers {

  private static final int MAX_CACHED = 1024;
  private final CryptoProviders providers;
  private final Map<JWK, SignatureVerifier> cache = new ConcurrentHashMap<>();
  private final Map<JsonNode, JWK> parsed = new ConcurrentHashMap<>();

  /** @param providers which JCA provider serves each algorithm (Conscrypt, JDK, BouncyCastle) */
  public JwsVerifiers(CryptoProviders providers) {
    this.providers = providers;
  }

  /** Parses a JWK, caching by its JSON value: holders present the same cnf key many times. */
  public JWK parseJwk(ObjectNode json) throws java.text.ParseException {
    JWK k = parsed.get(json);
    if (k == null) {
      k = JWK.parse(Json.write(json));
      if (parsed.size() >= MAX_CACHED) {
        parsed.clear();
      }
      parsed.put(json.deepCopy(), k); // a copy: the caller's node may change after this call
    }
    return k;
  }

  /** Thrown when a key cannot verify the algorithm (wrong curve, private-only, unsupported type). */
  public static final class KeyMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyMismatchException(String m) {
      super(m);
    }
  }

  public SignatureVerifier forKey(JWK key, JWSAlgorithm alg) throws KeyMismatchException {
    if (key == null) {
      throw new KeyMismatchException("no key");
    }
    Curve curve = key instanceof ECKey ec ? ec.getCurve() : key instanceof OctetKeyPair okp ? okp.getCurve() : null;
    KeyType expected;
    try {
      expected = KeyType.forJwsAlgorithm(alg);
    } catch (RuntimeException e) {
      throw new KeyMismatchException("algorithm " + alg + " is not supported");
    }
    if (curve == null || !expected.curve().equals(curve)) {
      throw new KeyMismatchException("alg " + alg + " needs a " + expected.curve() + " key, found "
          + key.getKeyType() + (curve == null ? "" : "/" + curve));
    }
    SignatureVerifier cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    SignatureVerifier v = create(key, providers);
    if (cache.size() >= MAX_CACHED) {
      cache.clear(); // crude bound; issuer key sets are small, holder keys churn
    }
    cache.put(key, v);
    return v;
  }

  private static SignatureVerifier create(JWK key, CryptoProviders providers) throws KeyMismatchException {
    try {
      return SignatureVerifier.of(key, providers);
    } catch (KeyException e) {
      throw new KeyMismatchException("unusable key: " + e.getMessage());
    }
  }
}
