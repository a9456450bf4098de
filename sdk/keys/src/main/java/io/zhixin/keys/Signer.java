package io.zhixin.keys;

import com.nimbusds.jose.jwk.JWK;
import java.util.Arrays;
import java.util.Objects;

/**
 * Signs bytes with one private key that it never reveals, so that a KMS or HSM can implement it.
 *
 * <p>Implementations must be thread-safe. {@code KeyPairs} provides an in-memory implementation.
 *
 * <pre>{@code
 * Signer signer = KeyPairs.generate(KeyType.P256).signer();
 * byte[] sig = signer.sign(signingInput);   // 64 bytes R||S for ES256
 * }</pre>
 */
public interface Signer {

  /** The type of the key, which fixes the JWS algorithm ({@link KeyType#jwsAlgorithm()}). */
  KeyType keyType();

  /** The public half of the key as a JWK; never contains private parameters. */
  JWK publicJwk();

  /**
   * Signs {@code signingInput} (for JWS: the ASCII of {@code base64url(header) '.' base64url(payload)}).
   *
   * @return the signature in JOSE format: R||S (64 bytes) for ES256 and ES256K, 64 bytes for EdDSA
   * @throws KeyException with {@link KeyException.Reason#SIGNING_FAILED} when the signer cannot sign
   */
  byte[] sign(byte[] signingInput) throws KeyException;

  /**
   * Signs the {@code length} bytes of {@code buffer} from {@code offset}: {@link #sign(byte[])} of a signing input
   * assembled inside a larger buffer, without copying it out. The default copies; the in-memory signer does not.
   *
   * @throws IndexOutOfBoundsException if the range is not within {@code buffer}
   */
  default byte[] sign(byte[] buffer, int offset, int length) throws KeyException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    return sign(Arrays.copyOfRange(buffer, offset, offset + length));
  }
}
