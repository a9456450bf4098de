package io.zhixin.credentials;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown by {@link VerificationResult#orElseThrow()} for a rejected result; carries the failed checks. */
public class VerificationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Check> problems;

  public VerificationException(VerificationResult.Rejected result) {
    super("verification failed: " + result.problems().stream().map(Check::toString)
        .collect(Collectors.joining("; ")));
    this.problems = result.problems();
  }

  /** The failed checks; never empty. */
  public List<Check> problems() {
    return problems;
  }
}
