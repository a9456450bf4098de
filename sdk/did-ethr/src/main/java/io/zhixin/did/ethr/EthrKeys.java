package io.zhixin.did.ethr;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.ethr.internal.RegistryAbi;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.PublicKeys;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Reads the key material of did:ethr verification methods, which use the legacy members ({@code publicKeyHex},
 * {@code publicKeyBase64}, {@code publicKeyBase58}) and {@code blockchainAccountId} instead of
 * {@code publicKeyJwk}, so {@link VerificationMethod#publicJwk()} is empty for them. Stateless.
 *
 * <pre>{@code
 * VerificationMethod vm = resolver.dereference(kid).verificationMethod().orElseThrow();
 * Optional<JWK> key = EthrKeys.publicJwk(vm);          // #controllerKey, published keys
 * Optional<String> account = EthrKeys.accountAddress(vm); // #controller, delegates
 * }</pre>
 */
public final class EthrKeys {
  private static final Pattern ACCOUNT = Pattern.compile("eip155:([0-9]+):(0x[0-9a-fA-F]{40})");
  private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

  private EthrKeys() {}

  /**
   * The public key of {@code method} as a JWK: for {@code EcdsaSecp256k1VerificationKey2019} a secp256k1 point in
   * {@code publicKeyHex} (33 or 65 bytes), for {@code Ed25519VerificationKey2018} 32 bytes in
   * {@code publicKeyBase64}, {@code publicKeyBase58} or {@code publicKeyHex}; also a method's own
   * {@code publicKeyJwk}/{@code publicKeyMultibase}. Empty for methods without key material, such as
   * {@code EcdsaSecp256k1RecoveryMethod2020} (see {@link #accountAddress}) and other types.
   *
   * @throws DidResolutionException {@code invalidPublicKey} when the key material is malformed or not on its curve
   */
  public static Optional<JWK> publicJwk(VerificationMethod method) {
    Objects.requireNonNull(method, "method");
    if (method.publicJwk().isPresent()) {
      return method.publicJwk();
    }
    try {
      switch (method.type()) {
        case "EcdsaSecp256k1VerificationKey2019":
          return method.property("publicKeyHex").map(h -> PublicKeys.fromBytes(Curve.SECP256K1, hex(h)));
        case "Ed25519VerificationKey2018": {
          Optional<byte[]> raw = method.property("publicKeyBase64").map(b -> Base64.getDecoder().decode(b));
          if (raw.isEmpty()) {
            raw = method.property("publicKeyBase58").map(EthrKeys::base58);
          }
          if (raw.isEmpty()) {
            raw = method.property("publicKeyHex").map(EthrKeys::hex);
          }
          return raw.map(r -> PublicKeys.fromBytes(Curve.Ed25519, r));
        }
        default:
          return Optional.empty();
      }
    } catch (KeyException | IllegalArgumentException e) {
      throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY, "key of " + method.id() + ": "
          + e.getMessage());
    }
  }

  /**
   * The Ethereum address (EIP-55) of a method with a {@code blockchainAccountId} of the form
   * {@code eip155:<chain id>:<address>}, e.g. {@code #controller} and delegates; empty otherwise.
   */
  public static Optional<String> accountAddress(VerificationMethod method) {
    Objects.requireNonNull(method, "method");
    return method.property("blockchainAccountId").map(ACCOUNT::matcher).filter(Matcher::matches)
        .map(m -> RegistryAbi.checksum(m.group(2)));
  }

  /**
   * The secp256k1 key that made {@code es256kSignature} over {@code signingInput}, if its address is the account of
   * {@code method} (a recovery method such as {@code #controller} or a delegate): how to verify an ES256K JWS whose
   * {@code kid} names such a method. Verify the JWS with the returned key as usual; empty means the signature was
   * not made by that account (or is malformed).
   *
   * <pre>{@code
   * JWK key = EthrKeys.recoverJwk(vm, jws.getSigningInput(), jws.getSignature().decode()).orElseThrow(...);
   * jws.verify(Jws.verifier(key));
   * }</pre>
   *
   * @param es256kSignature the JOSE signature, R‖S (64 bytes)
   */
  public static Optional<JWK> recoverJwk(VerificationMethod method, byte[] signingInput, byte[] es256kSignature) {
    Objects.requireNonNull(signingInput, "signingInput");
    Objects.requireNonNull(es256kSignature, "es256kSignature");
    Optional<String> account = accountAddress(method);
    if (account.isEmpty() || es256kSignature.length != 64) {
      return Optional.empty();
    }
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(signingInput);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(es256kSignature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(es256kSignature, 32, 64));
    if (r.signum() == 0 || s.signum() == 0) {
      return Optional.empty();
    }
    for (int recId = 0; recId < 2; recId++) {
      BigInteger pub;
      try {
        pub = Sign.recoverFromSignature(recId, new ECDSASignature(r, s), hash);
      } catch (RuntimeException e) {
        continue;
      }
      if (pub != null && RegistryAbi.checksum(Keys.getAddress(pub)).equals(account.get())) {
        byte[] point = new byte[65];
        point[0] = 4;
        System.arraycopy(Numeric.toBytesPadded(pub, 64), 0, point, 1, 64);
        return Optional.of(PublicKeys.fromBytes(Curve.SECP256K1, point));
      }
    }
    return Optional.empty();
  }

  private static byte[] hex(String h) {
    String s = h.startsWith("0x") ? h.substring(2) : h;
    if (s.length() % 2 != 0 || !s.matches("[0-9a-fA-F]*")) {
      throw new IllegalArgumentException("publicKeyHex is not hex");
    }
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s, 2 * i, 2 * i + 2, 16);
    }
    return out;
  }

  private static byte[] base58(String s) {
    BigInteger v = BigInteger.ZERO;
    for (char c : s.toCharArray()) {
      int d = ALPHABET.indexOf(c);
      if (d < 0) {
        throw new IllegalArgumentException("publicKeyBase58 is not base58");
      }
      v = v.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(d));
    }
    int zeros = 0;
    while (zeros < s.length() && s.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] body = v.signum() == 0 ? new byte[0] : v.toByteArray();
    int skip = body.length > 0 && body[0] == 0 ? 1 : 0;
    byte[] out = new byte[zeros + body.length - skip];
    System.arraycopy(body, skip, out, zeros, body.length - skip);
    return out;
  }
}
