package io.zhixin.credentials;

import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of one verification check: a stable {@link CheckCode}, whether it passed, and a detail that says
 * what was expected and what was found. Immutable.
 */
public final class Check {

  /** Whether a check passed. A {@link #WARNED} check passed but the caller should look at its detail. */
  public enum Outcome {
    PASSED,
    /** Accepted, with a caveat the caller should see (e.g. an early pilot credit code that fails its checksum). */
    WARNED,
    FAILED
  }

  private final CheckCode code;
  private final Outcome outcome;
  private final String label; // the detail, or the text before its instant
  private final Instant at; // null, or the instant the detail ends with
  private String detail; // label + at, written once first read (a race at worst writes the same text twice)

  private Check(CheckCode code, Outcome outcome, String label, Instant at) {
    this.code = Objects.requireNonNull(code, "code");
    this.outcome = Objects.requireNonNull(outcome, "outcome");
    this.label = Objects.requireNonNull(label, "detail");
    this.at = at;
    this.detail = at == null ? label : null;
  }

  /** A passed check; {@code detail} says what was checked. */
  public static Check passed(CheckCode code, String detail) {
    return new Check(code, Outcome.PASSED, detail, null);
  }

  /**
   * A passed check whose detail is {@code label} followed by {@code at} in ISO-8601, e.g. "valid until
   * 2027-12-04T21:00:00Z". Formatted only when read: most results record a few instants, and most callers never
   * read a passed check's detail.
   */
  public static Check passed(CheckCode code, String label, Instant at) {
    return new Check(code, Outcome.PASSED, label, Objects.requireNonNull(at, "at"));
  }

  /** A passed check with a caveat. */
  public static Check warned(CheckCode code, String detail) {
    return new Check(code, Outcome.WARNED, detail, null);
  }

  /** A failed check; {@code detail} must say what was expected and what was found. */
  public static Check failed(CheckCode code, String detail) {
    if (detail.isBlank()) {
      throw new IllegalArgumentException("a failed check needs a detail");
    }
    return new Check(code, Outcome.FAILED, detail, null);
  }

  public CheckCode code() {
    return code;
  }

  public Outcome outcome() {
    return outcome;
  }

  /** Human-readable detail; never null, never contains secrets or whole tokens. */
  public String detail() {
    String d = detail;
    if (d == null) {
      d = label + at;
      detail = d;
    }
    return d;
  }

  public boolean isFailed() {
    return outcome == Outcome.FAILED;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Check c && c.code == code && c.outcome == outcome && c.detail().equals(detail());
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, outcome, detail());
  }

  @Override
  public String toString() {
    return code.code() + ": " + outcome + " (" + detail() + ")";
  }
}
