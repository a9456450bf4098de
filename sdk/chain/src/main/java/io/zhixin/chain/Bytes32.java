package io.zhixin.chain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.crypto.Hash;

/** A 32-byte value as contracts store it: an id, a digest or a Merkle root. Immutable. */
public final class Bytes32 {
  private static final HexFormat HEX = HexFormat.of();
  /** Thirty-two zero bytes, which contracts read as "none". */
  public static final Bytes32 ZERO = new Bytes32(new byte[32]);
  private final byte[] value;

  private Bytes32(byte[] value) {
    this.value = value;
  }

  /** Wraps exactly 32 bytes (copied). */
  public static Bytes32 of(byte[] bytes) {
    if (bytes == null || bytes.length != 32) {
      throw new IllegalArgumentException("a bytes32 needs 32 bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new Bytes32(bytes.clone());
  }

  /** Parses 64 hex digits, with or without {@code 0x}. */
  public static Bytes32 fromHex(String hex) {
    String digits = hex != null && hex.startsWith("0x") ? hex.substring(2) : hex;
    if (digits == null || digits.length() != 64) {
      throw new IllegalArgumentException("a bytes32 needs 64 hex digits");
    }
    try {
      return new Bytes32(HEX.parseHex(digits));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not hex: " + hex, e);
    }
  }

  /** keccak256 of the UTF-8 bytes of {@code label}: how contracts name ids such as credential types. */
  public static Bytes32 keccak(String label) {
    return new Bytes32(Hash.sha3(label.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The ASCII text right-padded with zeros, as ERC-1056 names delegate types and attributes
   * ({@code "veriKey"}, {@code "did/pub/Secp256k1/veriKey/hex"}).
   *
   * @throws IllegalArgumentException when the text is not ASCII or longer than 32 bytes
   */
  public static Bytes32 ofText(String ascii) {
    byte[] bytes = ascii.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length > 32 || !StandardCharsets.US_ASCII.newEncoder().canEncode(ascii)) {
      throw new IllegalArgumentException("a bytes32 name holds at most 32 ASCII characters, got '" + ascii + "'");
    }
    byte[] padded = new byte[32];
    System.arraycopy(bytes, 0, padded, 0, bytes.length);
    return new Bytes32(padded);
  }

  /** The bytes up to the first zero as ASCII: the inverse of {@link #ofText}. */
  public String toText() {
    int end = 0;
    while (end < 32 && value[end] != 0) {
      end++;
    }
    return new String(value, 0, end, StandardCharsets.US_ASCII);
  }

  public byte[] toArray() {
    return value.clone();
  }

  public String toHex() {
    return "0x" + HEX.formatHex(value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes32 other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
