package io.zhixin.credentials;

import java.time.Instant;
import java.util.List;

/**
 * Decides whether an issuer was trusted to issue credentials of the given types when it issued them; the hook for a
 * trusted issuer registry (for example the on-chain accreditation registry). Implementations must be thread-safe
 * and should not throw: a refusal is a {@link TrustDecision} that says which rule failed.
 */
@FunctionalInterface
public interface IssuerTrust {

  /**
   * Whether {@code issuer} was accredited for {@code types} at {@code issuedAt} (the credential's issuance time, or
   * the verification time when the credential states none).
   */
  TrustDecision evaluate(String issuer, List<String> types, Instant issuedAt);
}
