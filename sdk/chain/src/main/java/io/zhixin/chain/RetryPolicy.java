package io.zhixin.chain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to keep retrying an RPC that failed transiently (connection refused or reset, timeouts,
 * HTTP 5xx or 429), with exponential backoff between attempts. Immutable.
 *
 * @param budget total time spent retrying one operation before giving up with {@link ChainUnavailableException}
 * @param initialBackoff wait after the first failure
 * @param maxBackoff the longest wait between two attempts
 */
public record RetryPolicy(Duration budget, Duration initialBackoff, Duration maxBackoff) {
  /** 30 s of retries, backing off from 100 ms to 2 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(2));
  /** No retries: the first transient failure is reported. */
  public static final RetryPolicy NONE = new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (budget.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("retry durations must be >= 0 and maxBackoff >= initialBackoff, got " + budget + ", "
          + initialBackoff + ", " + maxBackoff);
    }
  }

  long backoffMillis(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt, 16);
    return Math.min(Math.max(base, 1), Math.max(maxBackoff.toMillis(), 1));
  }
}
