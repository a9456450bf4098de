package io.zhixin.keys.internal;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import io.zhixin.keys.KeyException;
import io.zhixin.keys.KeyException.Reason;
import java.math.BigInteger;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Point arithmetic and validation on the curves Zhixin reads (BouncyCastle does the math), so that every
 * public key entering the SDK is checked to lie on its curve. Not part of the public API.
 */
public final class Curves {
  private static final Map<Curve, String> EC_NAMES = Map.of(
      Curve.P_256, "secp256r1",
      Curve.P_384, "secp384r1",
      Curve.P_521, "secp521r1",
      Curve.SECP256K1, "secp256k1");

  private Curves() {}

  /** Whether {@code curve} is an elliptic (kty EC) curve we can validate. */
  public static boolean isEc(Curve curve) {
    return EC_NAMES.containsKey(curve);
  }

  /** Whether {@code curve} is an OKP curve we accept (Ed25519, X25519). */
  public static boolean isOkp(Curve curve) {
    return Curve.Ed25519.equals(curve) || Curve.X25519.equals(curve);
  }

  private static X9ECParameters params(Curve curve) {
    String name = EC_NAMES.get(curve);
    if (name == null) {
      throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE, "unsupported EC curve: " + curve);
    }
    return CustomNamedCurves.getByName(name);
  }

  /** Byte length of a coordinate (and of a private scalar) on an EC curve. */
  public static int fieldBytes(Curve curve) {
    return (params(curve).getCurve().getFieldSize() + 7) / 8;
  }

  /** Decodes a SEC1 point (compressed or uncompressed), rejecting points off the curve, as a public JWK. */
  public static ECKey decodeEcPoint(Curve curve, byte[] encoded) {
    X9ECParameters p = params(curve);
    int n = fieldBytes(curve);
    if (encoded.length != n + 1 && encoded.length != 2 * n + 1) {
      throw new KeyException(Reason.INVALID_KEY, "invalid " + curve + " public key length: expected "
          + (n + 1) + " (compressed) or " + (2 * n + 1) + " (uncompressed) bytes, found " + encoded.length);
    }
    ECPoint point;
    try {
      point = p.getCurve().decodePoint(encoded).normalize();
    } catch (RuntimeException e) {
      throw new KeyException(Reason.INVALID_KEY, "invalid " + curve + " public key: not a point on the curve");
    }
    return toJwk(curve, point);
  }

  /** Validates that the EC JWK's (x, y) lies on its curve and is not the point at infinity. */
  public static ECPoint validateEc(ECKey key) {
    X9ECParameters p = params(key.getCurve());
    int n = fieldBytes(key.getCurve());
    byte[] x = key.getX().decode();
    byte[] y = key.getY().decode();
    if (x.length != n || y.length != n) {
      throw new KeyException(Reason.INVALID_KEY, "invalid " + key.getCurve()
          + " JWK: coordinates must be " + n + " bytes, found x=" + x.length + ", y=" + y.length);
    }
    try {
      ECPoint point = p.getCurve().validatePoint(new BigInteger(1, x), new BigInteger(1, y));
      if (point.isInfinity() || !point.multiply(p.getN()).isInfinity()) {
        throw new IllegalArgumentException("not in the prime-order group");
      }
      return point;
    } catch (RuntimeException e) {
      throw new KeyException(Reason.INVALID_KEY, "invalid " + key.getCurve() + " JWK: not a point on the curve");
    }
  }

  /** SEC1 compressed encoding of a validated EC JWK. */
  public static byte[] compress(ECKey key) {
    return validateEc(key).getEncoded(true);
  }

  /** Public point Q = d·G for a private scalar, checking 0 &lt; d &lt; n. */
  public static ECKey publicFromPrivate(Curve curve, byte[] d) {
    X9ECParameters p = params(curve);
    BigInteger s = new BigInteger(1, d);
    if (d.length != fieldBytes(curve) || s.signum() == 0 || s.compareTo(p.getN()) >= 0) {
      throw new KeyException(Reason.INVALID_KEY, "invalid " + curve + " private key: expected a "
          + fieldBytes(curve) + "-byte scalar in [1, n-1]");
    }
    ECPoint q = new FixedPointCombMultiplier().multiply(p.getG(), s).normalize();
    return toJwk(curve, q);
  }

  /** Validates an Ed25519 public key (canonical encoding, on the curve, not of small order). */
  public static void validateEd25519(byte[] x) {
    if (x.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw new KeyException(Reason.INVALID_KEY, "invalid Ed25519 public key length: expected 32 bytes, found "
          + x.length);
    }
    if (!Ed25519.validatePublicKeyFull(x, 0)) {
      throw new KeyException(Reason.INVALID_KEY, "invalid Ed25519 public key: not a valid point on the curve");
    }
  }

  /** The Ed25519 public key of a 32-byte private seed. */
  public static byte[] ed25519PublicFromSeed(byte[] seed) {
    if (seed.length != Ed25519.SECRET_KEY_SIZE) {
      throw new KeyException(Reason.INVALID_KEY, "invalid Ed25519 private key length: expected 32 bytes, found "
          + seed.length);
    }
    byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
    Ed25519.generatePublicKey(seed, 0, pub, 0);
    return pub;
  }

  /** Validates any public JWK we accept and returns its public half. */
  public static JWK validatePublic(JWK jwk) {
    if (jwk instanceof ECKey) {
      ECKey ec = (ECKey) jwk;
      if (!isEc(ec.getCurve())) {
        throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE,
            "unsupported EC curve: expected P-256, P-384, P-521 or secp256k1, found " + ec.getCurve());
      }
      validateEc(ec);
      return ec.toPublicJWK();
    }
    if (jwk instanceof OctetKeyPair) {
      OctetKeyPair okp = (OctetKeyPair) jwk;
      if (Curve.Ed25519.equals(okp.getCurve())) {
        validateEd25519(okp.getX().decode());
      } else if (Curve.X25519.equals(okp.getCurve())) {
        if (okp.getX().decode().length != 32) {
          throw new KeyException(Reason.INVALID_KEY, "invalid X25519 public key length: expected 32 bytes");
        }
      } else {
        throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE,
            "unsupported OKP curve: expected Ed25519 or X25519, found " + okp.getCurve());
      }
      return okp.toPublicJWK();
    }
    throw new KeyException(Reason.UNSUPPORTED_KEY_TYPE,
        "unsupported key type: expected kty EC or OKP, found " + jwk.getKeyType());
  }

  private static ECKey toJwk(Curve curve, ECPoint point) {
    if (point.isInfinity()) {
      throw new KeyException(Reason.INVALID_KEY, "invalid " + curve + " public key: point at infinity");
    }
    int n = fieldBytes(curve);
    return new ECKey.Builder(curve,
        Base64URL.encode(fixed(point.getAffineXCoord().toBigInteger(), n)),
        Base64URL.encode(fixed(point.getAffineYCoord().toBigInteger(), n))).build();
  }

  /** Big-endian unsigned, left-padded to {@code n} bytes (RFC 7518 §6.2.1.2 fixed-length coordinates). */
  public static byte[] fixed(BigInteger v, int n) {
    byte[] b = v.toByteArray();
    if (b.length == n) {
      return b;
    }
    byte[] out = new byte[n];
    if (b.length > n) {
      System.arraycopy(b, b.length - n, out, 0, n);
    } else {
      System.arraycopy(b, 0, out, n - b.length, b.length);
    }
    return out;
  }
}
