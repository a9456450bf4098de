package io.zhixin.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/** Conversions between {@link Instant} and the contracts' unsigned-seconds fields. */
final class Times {
  /** uint40's largest value: "no end" in the trust registry. */
  static final BigInteger UINT40_MAX = BigInteger.ONE.shiftLeft(40).subtract(BigInteger.ONE);
  static final long UINT32_MAX = 0xFFFF_FFFFL;

  private Times() {}

  static Instant instant(BigInteger seconds) {
    return Instant.ofEpochSecond(seconds.longValueExact());
  }

  /** Zero means "none". */
  static Optional<Instant> optional(BigInteger seconds) {
    return seconds.signum() == 0 ? Optional.empty() : Optional.of(instant(seconds));
  }

  static BigInteger seconds(Instant instant) {
    if (instant.getEpochSecond() < 0) {
      throw new IllegalArgumentException("times before 1970 cannot be stored on chain: " + instant);
    }
    return BigInteger.valueOf(instant.getEpochSecond());
  }

  static BigInteger uint32(Instant instant, String field) {
    long s = instant.getEpochSecond();
    if (s <= 0 || s > UINT32_MAX) {
      throw new IllegalArgumentException(field + " must be between 1970 and 2106 (uint32 seconds), got " + instant);
    }
    return BigInteger.valueOf(s);
  }

  static BigInteger uint40(Instant instant, String field) {
    BigInteger s = seconds(instant);
    if (s.compareTo(UINT40_MAX) > 0) {
      throw new IllegalArgumentException(field + " is beyond uint40 seconds: " + instant);
    }
    return s;
  }
}
