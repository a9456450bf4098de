package io.zhixin.chain;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * A 20-byte account or contract address. Immutable; compares by value, whatever the letter case it
 * was parsed from.
 *
 * <p>{@link #parse} accepts all-lowercase, all-uppercase and EIP-55 mixed-case spellings, and refuses a
 * mixed-case spelling whose checksum is wrong (a typo that all-lowercase input could not catch).
 */
public final class Address {
  private static final Pattern HEX40 = Pattern.compile("0x[0-9a-fA-F]{40}");
  /** The zero address, which contracts read as "none". */
  public static final Address ZERO = new Address("0x0000000000000000000000000000000000000000");

  private final String lower;

  private Address(String lower) {
    this.lower = lower;
  }

  /**
   * Parses {@code 0x} followed by 40 hex digits.
   *
   * @throws IllegalArgumentException when it is not an address, or its EIP-55 checksum is wrong
   */
  public static Address parse(String text) {
    if (text == null || !HEX40.matcher(text).matches()) {
      throw new IllegalArgumentException("an address is 0x followed by 40 hex digits, got " + (text == null ? "null" : "'" + text + "'"));
    }
    String digits = text.substring(2);
    boolean mixed = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixed && !Keys.toChecksumAddress(text).equals(text)) {
      throw new IllegalArgumentException("address " + text + " has a wrong EIP-55 checksum (expected " + Keys.toChecksumAddress(text) + ")");
    }
    return new Address("0x" + digits.toLowerCase(Locale.ROOT));
  }

  /** Lowercase hex with {@code 0x}: the form JSON-RPC and web3j take. */
  public String toHex() {
    return lower;
  }

  /** The EIP-55 mixed-case spelling. */
  public String toChecksumHex() {
    return Keys.toChecksumAddress(lower);
  }

  public boolean isZero() {
    return equals(ZERO);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Address other && lower.equals(other.lower);
  }

  @Override
  public int hashCode() {
    return lower.hashCode();
  }

  @Override
  public String toString() {
    return toChecksumHex();
  }
}
