package io.zhixin.credentials.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A PRC resident identity card number (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd for men, even for women) and an ISO 7064 MOD 11-2 check character. Immutable; {@link #toString()} masks it.
 */
public final class ResidentIdNumber {

  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";

  private final String value;
  private final LocalDate birthDate;

  private ResidentIdNumber(String value, LocalDate birthDate) {
    this.value = value;
    this.birthDate = birthDate;
  }

  /**
   * Parses and validates a number (a lower-case {@code x} is accepted as {@code X}).
   *
   * @throws IllegalArgumentException naming what is wrong (length, characters, birth date, check character); the
   *     message never contains the number
   */
  public static ResidentIdNumber parse(String s) {
    Objects.requireNonNull(s, "resident_id");
    String v = s.toUpperCase(java.util.Locale.ROOT);
    if (!v.matches("[0-9]{17}[0-9X]")) {
      throw new IllegalArgumentException("resident_id must be 17 digits and a check digit or X (18 characters)");
    }
    LocalDate birth;
    try {
      birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
          Integer.parseInt(v.substring(12, 14)));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("resident_id encodes an impossible birth date");
    }
    if (checkCharacter(v.substring(0, 17)) != v.charAt(17)) {
      throw new IllegalArgumentException("resident_id check character is wrong (ISO 7064 MOD 11-2)");
    }
    return new ResidentIdNumber(v, birth);
  }

  /** Whether {@code s} is a valid number. */
  public static boolean isValid(String s) {
    try {
      parse(s);
      return true;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** The ISO 7064 MOD 11-2 check character for the first 17 digits. */
  public static char checkCharacter(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  /** The full number. Personal data: handle accordingly. */
  public String value() {
    return value;
  }

  public LocalDate birthDate() {
    return birthDate;
  }

  /** {@code male} for an odd sequence digit, {@code female} for an even one. */
  public String gender() {
    return (value.charAt(16) - '0') % 2 == 1 ? "male" : "female";
  }

  /** The 6-digit administrative area code of first registration. */
  public String areaCode() {
    return value.substring(0, 6);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ResidentIdNumber r && r.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value.substring(0, 6) + "********" + "****";
  }
}
