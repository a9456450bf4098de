package io.zhixin.chain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.crypto.Hash;

/** A 32-byte value as contracts store it: an id, a digest or a Merkle root. Immutable. */
public final class Bytes32 {
  private static final HexFormat HEX = HexFormat.of();
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
