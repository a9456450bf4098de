package io.zhixin.credentials;

import io.zhixin.credentials.internal.Trusted;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a verifier decided, with every check it ran. Either {@link Verified} or {@link Rejected}; the verdict is
 * derived from the checks in one place, so it can never disagree with them: a result is {@code Verified} exactly
 * when no check failed and a signature check passed.
 *
 * <pre>{@code
 * VerificationResult r = verifier.verify(presentation);
 * if (r instanceof VerificationResult.Verified v) {
 *   Object name = v.credential().claims().get("name");
 * } else {
 *   r.problems().forEach(p -> log.info("{}: {}", p.code(), p.detail()));
 * }
 * }</pre>
 */
public abstract sealed class VerificationResult permits VerificationResult.Verified, VerificationResult.Rejected {

  static {
    Trusted.registerResultFactory(VerificationResult::create);
  }

  private final List<Check> checks;

  private VerificationResult(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  private static VerificationResult create(List<Check> checks, List<VerifiedCredential> credentials, String holder) {
    boolean failed = checks.stream().anyMatch(Check::isFailed);
    boolean signed = checks.stream()
        .anyMatch(c -> c.code() == CheckCode.SIGNATURE && c.outcome() != Check.Outcome.FAILED);
    if (!failed && (!signed || credentials.isEmpty())) {
      // Defensive: a result with no verified signature is never "verified", even if nothing else failed.
      List<Check> all = new java.util.ArrayList<>(checks);
      all.add(Check.failed(CheckCode.SIGNATURE, "no issuer signature was verified"));
      return new Rejected(all);
    }
    return failed ? new Rejected(checks) : new Verified(checks, credentials, holder);
  }

  /** Every check that ran, in order. */
  public List<Check> checks() {
    return checks;
  }

  /** The failed checks; empty exactly when the result is {@link Verified}. */
  public List<Check> problems() {
    return checks.stream().filter(Check::isFailed).collect(Collectors.toUnmodifiableList());
  }

  /** Checks that passed with a caveat. */
  public List<Check> warnings() {
    return checks.stream().filter(c -> c.outcome() == Check.Outcome.WARNED).collect(Collectors.toUnmodifiableList());
  }

  public abstract boolean isVerified();

  /**
   * Returns the verified result or throws.
   *
   * @throws VerificationException listing the problems when the result is {@link Rejected}
   */
  public abstract Verified orElseThrow();

  /** All checks passed. Holds the verified credentials. */
  public static final class Verified extends VerificationResult {
    private final List<VerifiedCredential> credentials;
    private final String holder;

    private Verified(List<Check> checks, List<VerifiedCredential> credentials, String holder) {
      super(checks);
      this.credentials = List.copyOf(credentials);
      this.holder = holder;
    }

    /** The single (or first) verified credential. */
    public VerifiedCredential credential() {
      return credentials.get(0);
    }

    /** All verified credentials (several for a {@code vp+jwt} presentation). */
    public List<VerifiedCredential> credentials() {
      return credentials;
    }

    /** The holder of a verified {@code vp+jwt} presentation. */
    public Optional<String> holder() {
      return Optional.ofNullable(holder);
    }

    @Override
    public boolean isVerified() {
      return true;
    }

    @Override
    public Verified orElseThrow() {
      return this;
    }

    @Override
    public String toString() {
      return "Verified" + credentials;
    }
  }

  /** At least one check failed. Holds no claims: unverified data is never handed out. */
  public static final class Rejected extends VerificationResult {
    private Rejected(List<Check> checks) {
      super(checks);
    }

    @Override
    public boolean isVerified() {
      return false;
    }

    @Override
    public Verified orElseThrow() {
      throw new VerificationException(this);
    }

    @Override
    public String toString() {
      return "Rejected" + problems();
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationResult r && r.getClass() == getClass() && r.checks.equals(checks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), checks);
  }
}
