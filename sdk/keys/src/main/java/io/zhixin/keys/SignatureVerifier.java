package io.zhixin.keys;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.keys.internal.JcaSignatureVerifier;
import java.util.Arrays;

/**
 * Verifies signatures made by one public key, in JOSE format: R||S (64 bytes) for ES256 and ES256K, 64 bytes for
 * EdDSA. The counterpart of {@link Signer}. Thread-safe; create one per key and keep it, because turning a JWK
 * into a provider's key costs about as much as a verification.
 *
 * <pre>{@code
 * SignatureVerifier v = SignatureVerifier.of(issuerJwk, CryptoProviders.defaults());
 * boolean ok = v.verify(signingInput, signature);
 * }</pre>
 */
public interface SignatureVerifier {

  /** The type of the key, which fixes the JWS algorithm ({@link KeyType#jwsAlgorithm()}). */
  KeyType keyType();

  /**
   * Whether {@code signature} is a valid signature of {@code signingInput} by this key. Never throws for a bad
   * signature: a wrong length, an out-of-range or forged value all give false.
   */
  boolean verify(byte[] signingInput, byte[] signature);

  /**
   * {@link #verify(byte[], byte[])} of the {@code length} bytes of {@code buffer} from {@code offset}: a signing input
   * inside a larger buffer (a whole token), without copying it out. The default copies; verifiers from
   * {@link #of} do not. False, too, for a range outside the buffer.
   */
  default boolean verify(byte[] buffer, int offset, int length, byte[] signature) {
    if (buffer == null || offset < 0 || length < 0 || offset > buffer.length - length) {
      return false;
    }
    return verify(Arrays.copyOfRange(buffer, offset, offset + length), signature);
  }

  /**
   * A verifier for {@code publicJwk} (P-256, Ed25519 or secp256k1) on the provider that {@code providers} picks for
   * its key type. The key is checked to lie on its curve first.
   *
   * @throws KeyException {@code INVALID_KEY} for a malformed or private key, {@code UNSUPPORTED_KEY_TYPE} for
   *     other curves
   */
  static SignatureVerifier of(JWK publicJwk, CryptoProviders providers) {
    return JcaSignatureVerifier.create(PublicKeys.validate(publicJwk), providers);
  }
}
