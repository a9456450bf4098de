package io.zhixin.did.internal;

import com.apicatalog.multibase.Multibase;
import com.apicatalog.multicodec.Multicodec;
import com.apicatalog.multicodec.codec.KeyCodec;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.did.DidResolutionException;
import io.zhixin.did.ResolutionError;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.PublicKeys;
import java.math.BigInteger;
import java.util.List;

/**
 * Multikey encoding ({@code publicKeyMultibase}: base58btc of multicodec prefix + raw public key, EC points
 * compressed), as used by did:key and the Multikey verification method type. Not public API.
 */
public final class Multikeys {
  private static final class Entry {
    final Multicodec codec;
    final Curve curve;
    final int length;

    Entry(Multicodec codec, Curve curve, int length) {
      this.codec = codec;
      this.curve = curve;
      this.length = length;
    }
  }

  private static final List<Entry> TABLE = List.of(
      new Entry(KeyCodec.ED25519_PUBLIC_KEY, Curve.Ed25519, 32),
      new Entry(KeyCodec.X25519_PUBLIC_KEY, Curve.X25519, 32),
      new Entry(KeyCodec.SECP256K1_PUBLIC_KEY, Curve.SECP256K1, 33),
      new Entry(KeyCodec.P256_PUBLIC_KEY, Curve.P_256, 33),
      new Entry(KeyCodec.P384_PUBLIC_KEY, Curve.P_384, 49),
      new Entry(KeyCodec.P521_PUBLIC_KEY, Curve.P_521, 67));

  private Multikeys() {}

  /**
   * Encodes a public key as {@code z…}.
   *
   * @throws KeyException for a key type without a multicodec here
   */
  public static String encode(JWK publicJwk) {
    Curve curve = PublicKeys.curve(publicJwk);
    for (Entry e : TABLE) {
      if (e.curve.equals(curve)) {
        return Multibase.BASE_58_BTC.encode(e.codec.encode(PublicKeys.toBytes(publicJwk)));
      }
    }
    throw new KeyException(KeyException.Reason.UNSUPPORTED_KEY_TYPE, "no multicodec for curve " + curve);
  }

  /**
   * Decodes a {@code publicKeyMultibase} value into a validated public JWK.
   *
   * @param badEncoding the error for a value that is not base58btc multibase ({@code invalidDid} inside a did:key,
   *     {@code invalidPublicKey} inside a document)
   */
  public static JWK decode(String multibase, ResolutionError badEncoding) {
    if (multibase == null || multibase.length() < 2 || multibase.charAt(0) != 'z') {
      throw new DidResolutionException(badEncoding, "expected base58btc multibase (starting with 'z')");
    }
    byte[] bytes;
    try {
      bytes = Multibase.BASE_58_BTC.decode(multibase);
    } catch (RuntimeException e) {
      throw new DidResolutionException(badEncoding, "invalid base58btc: " + e.getMessage());
    }
    for (Entry e : TABLE) {
      if (e.codec.isEncoded(bytes)) {
        byte[] raw = e.codec.decode(bytes);
        if (raw.length != e.length) {
          throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY_LENGTH, e.codec.name()
              + " key must be " + e.length + " bytes, found " + raw.length);
        }
        try {
          return PublicKeys.fromBytes(e.curve, raw);
        } catch (KeyException ke) {
          throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY, ke.getMessage());
        }
      }
    }
    throw new DidResolutionException(ResolutionError.INVALID_PUBLIC_KEY_TYPE,
        "unsupported multicodec: expected ed25519-pub, x25519-pub, secp256k1-pub, p256-pub, p384-pub or p521-pub");
  }

  private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));

  /**
   * The X25519 key of an Ed25519 public key (RFC 7748 §4.1 birational map u = (1 + y) / (1 - y) mod p), as the
   * did:key spec derives for {@code keyAgreement}.
   */
  public static JWK x25519FromEd25519(JWK ed25519) {
    byte[] le = ((OctetKeyPair) ed25519).getX().decode();
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = le[31 - i];
    }
    be[0] &= 0x7f; // drop the sign bit of x
    BigInteger y = new BigInteger(1, be);
    BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
    byte[] ube = u.toByteArray();
    byte[] out = new byte[32];
    for (int i = 0; i < 32 && i < ube.length; i++) {
      out[i] = ube[ube.length - 1 - i];
    }
    return new OctetKeyPair.Builder(Curve.X25519, Base64URL.encode(out)).build();
  }
}
