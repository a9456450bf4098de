package io.zhixin.credentials.domain;

import java.util.Objects;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from a 31-symbol alphabet without
 * I, O, Z, S, V; the last is a check character with weights 3^(i-1) mod 31. Immutable.
 *
 * <p>Some codes issued in early pilots fail the checksum yet are real. {@link #parse} therefore accepts a code with
 * a wrong check character and reports it through {@link #checksumValid()}; issuance and verification turn that into
 * a {@code WARNED} check, never a silent acceptance and never a rejection.
 */
public final class UnifiedSocialCreditCode {

  static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

  private final String value;
  private final boolean checksumValid;

  private UnifiedSocialCreditCode(String value, boolean checksumValid) {
    this.value = value;
    this.checksumValid = checksumValid;
  }

  /**
   * Parses a code.
   *
   * @throws IllegalArgumentException for a wrong length or a character outside the alphabet (naming it)
   */
  public static UnifiedSocialCreditCode parse(String s) {
    Objects.requireNonNull(s, "unified_social_credit_code");
    if (s.length() != 18) {
      throw new IllegalArgumentException("unified_social_credit_code must have 18 characters, found " + s.length());
    }
    for (int i = 0; i < 18; i++) {
      if (ALPHABET.indexOf(s.charAt(i)) < 0) {
        throw new IllegalArgumentException("unified_social_credit_code character " + (i + 1) + " ('" + s.charAt(i)
            + "') is not in the GB 32100 alphabet (digits and A-Y without I, O, Z, S, V)");
      }
    }
    return new UnifiedSocialCreditCode(s, checkCharacter(s.substring(0, 17)) == s.charAt(17));
  }

  /** The GB 32100 check character for the first 17 characters. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
    }
    int c = 31 - sum % 31;
    return ALPHABET.charAt(c == 31 ? 0 : c);
  }

  public String value() {
    return value;
  }

  /** False for an early pilot code whose check character does not match; such codes are accepted with a warning. */
  public boolean checksumValid() {
    return checksumValid;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UnifiedSocialCreditCode u && u.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
