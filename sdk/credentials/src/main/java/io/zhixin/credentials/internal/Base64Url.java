package io.zhixin.credentials.internal;

import java.util.Arrays;

/**
 * Decodes the unpadded base64url (RFC 4648 section 5) of JOSE and SD-JWT token parts, in place in the token's bytes.
 *
 * <p>Why not {@code java.util.Base64}: on CPUs with AVX-512 the JDK's decoder intrinsic runs 512-bit instructions,
 * and the native ES256 verify that follows a decode then runs about 6% slower (likely the lower clock a core keeps
 * for a while after such code). That costs a presentation forty times what decoding it does
 * ({@code Base64DecodeInterference} in {@code sdk/benchmarks}). A table loop is as fast on token-sized input and
 * does not slow what follows.
 *
 * <p>Stricter than the JDK's URL decoder in one way: padding ({@code =}) is refused, as JWS (RFC 7515 section 2)
 * and SD-JWT never pad. Like it, the unused low bits of the last character are not required to be zero. Not part
 * of the public API.
 */
public final class Base64Url {
  private static final byte[] VALUES = new byte[256]; // -1 for bytes outside the alphabet

  static {
    Arrays.fill(VALUES, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUES[alphabet.charAt(i)] = (byte) i;
    }
  }

  private Base64Url() {}

  /**
   * The bytes encoded by {@code in[from, to)}.
   *
   * @throws IllegalArgumentException for a byte outside the base64url alphabet or a length no encoding has
   */
  public static byte[] decode(byte[] in, int from, int to) {
    int length = to - from;
    int tail = length & 3;
    if (tail == 1) {
      throw new IllegalArgumentException("base64url of " + length + " characters: no encoding has that length");
    }
    byte[] out = new byte[length / 4 * 3 + (tail == 0 ? 0 : tail - 1)];
    int i = from;
    int o = 0;
    int bad = 0; // any value of -1 makes it negative
    for (int end = to - tail; i < end; i += 4, o += 3) {
      int v = VALUES[in[i] & 0xff] << 18 | VALUES[in[i + 1] & 0xff] << 12 | VALUES[in[i + 2] & 0xff] << 6
          | VALUES[in[i + 3] & 0xff];
      bad |= v;
      out[o] = (byte) (v >> 16);
      out[o + 1] = (byte) (v >> 8);
      out[o + 2] = (byte) v;
    }
    if (tail != 0) {
      int v = VALUES[in[i] & 0xff] << 18 | VALUES[in[i + 1] & 0xff] << 12
          | (tail == 3 ? VALUES[in[i + 2] & 0xff] << 6 : 0);
      bad |= v;
      out[o] = (byte) (v >> 16);
      if (tail == 3) {
        out[o + 1] = (byte) (v >> 8);
      }
    }
    if (bad < 0) {
      throw new IllegalArgumentException("not base64url: a character outside A-Z, a-z, 0-9, '-' and '_'");
    }
    return out;
  }
}
