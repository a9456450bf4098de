package io.zhixin.credentials;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A credential to be issued breaks a data-model or domain rule. Thrown at issuance, which is a caller mistake;
 * at verification the same rules yield failed {@link Check}s instead.
 */
public class CredentialValidationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient List<Check> violations;

  public CredentialValidationException(List<Check> violations) {
    super("invalid credential: " + violations.stream().filter(Check::isFailed).map(Check::detail)
        .collect(Collectors.joining("; ")));
    this.violations = List.copyOf(violations);
  }

  /** The failed rules, each naming the rule or field. */
  public List<Check> violations() {
    return violations;
  }
}
