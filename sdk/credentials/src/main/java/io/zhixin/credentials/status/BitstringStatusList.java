package io.zhixin.credentials.status;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A W3C Bitstring Status List: a fixed-size bitstring, GZIP-compressed and multibase base64url encoded
 * ({@code u…}) in {@code encodedList}. Index 0 is the left-most (most significant) bit of the first byte.
 *
 * <p>Not thread-safe; {@link StatusListManager} guards its lists.
 */
public final class BitstringStatusList {

  /** The minimum size the specification requires, for herd privacy: 16 KiB of bits. */
  public static final int MIN_SIZE = 131_072;
  /** Largest list accepted when decoding, against decompression bombs. */
  public static final int MAX_SIZE = 8 * 16 * 1024 * 1024;

  private final byte[] bits;

  private BitstringStatusList(byte[] bits) {
    this.bits = bits;
  }

  /**
   * Creates a list of {@code size} bits, all clear.
   *
   * @throws IllegalArgumentException if {@code size} is below {@link #MIN_SIZE}, above {@link #MAX_SIZE} or not a
   *     multiple of 8
   */
  public static BitstringStatusList create(int size) {
    if (size < MIN_SIZE || size > MAX_SIZE || size % 8 != 0) {
      throw new IllegalArgumentException("status list size must be a multiple of 8 in [" + MIN_SIZE + ", "
          + MAX_SIZE + "], found " + size);
    }
    return new BitstringStatusList(new byte[size / 8]);
  }

  /**
   * Decodes an {@code encodedList} value.
   *
   * @throws IllegalArgumentException if it is not {@code u}+base64url of GZIP data, or decodes to fewer than
   *     {@link #MIN_SIZE} or more than {@link #MAX_SIZE} bits
   */
  public static BitstringStatusList decode(String encodedList) {
    if (encodedList == null || !encodedList.startsWith("u")) {
      throw new IllegalArgumentException("encodedList must be multibase base64url (prefix u)");
    }
    byte[] gz;
    try {
      gz = Base64.getUrlDecoder().decode(encodedList.substring(1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("encodedList is not base64url", e);
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(MIN_SIZE / 8);
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        if (out.size() + n > MAX_SIZE / 8) {
          throw new IllegalArgumentException("encodedList decompresses to more than " + MAX_SIZE + " bits");
        }
        out.write(buf, 0, n);
      }
      byte[] bits = out.toByteArray();
      if (bits.length * 8 < MIN_SIZE) {
        throw new IllegalArgumentException("status list has " + bits.length * 8 + " bits; at least " + MIN_SIZE
            + " are required");
      }
      return new BitstringStatusList(bits);
    } catch (IOException e) {
      throw new IllegalArgumentException("encodedList is not GZIP data", e);
    }
  }

  /** Number of entries. */
  public int size() {
    return bits.length * 8;
  }

  /** @throws IndexOutOfBoundsException for an index outside the list */
  public boolean get(long index) {
    int i = check(index);
    return (bits[i >>> 3] & (0x80 >>> (i & 7))) != 0;
  }

  /** @throws IndexOutOfBoundsException for an index outside the list */
  public void set(long index, boolean value) {
    int i = check(index);
    if (value) {
      bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
    } else {
      bits[i >>> 3] &= (byte) ~(0x80 >>> (i & 7));
    }
  }

  private int check(long index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("status list index " + index + " outside [0, " + size() + ")");
    }
    return (int) index;
  }

  /** The {@code encodedList} value: {@code u} + base64url(GZIP(bits)), without padding. */
  public String encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bits);
    } catch (IOException e) {
      throw new IllegalStateException("in-memory GZIP failed", e);
    }
    return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  /** A copy of this list. */
  public BitstringStatusList copy() {
    return new BitstringStatusList(Arrays.copyOf(bits, bits.length));
  }
}
