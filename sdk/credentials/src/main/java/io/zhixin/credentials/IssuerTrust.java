package io.zhixin.credentials;

import java.time.Instant;
import java.util.List;

/**
 * Decides whether an issuer is trusted to issue credentials of the given types at a time; the hook for a trusted
 * issuer registry (for example the on-chain accreditation registry). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IssuerTrust {

  /** Whether {@code issuer} was accredited for {@code types} at {@code at}. */
  boolean isTrusted(String issuer, List<String> types, Instant at);
}
