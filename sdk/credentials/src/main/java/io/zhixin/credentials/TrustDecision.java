package io.zhixin.credentials;

import java.util.Objects;

/**
 * The answer of an {@link IssuerTrust}: trusted or not, and why, in words a verifier can show an auditor (for
 * example "0x5c… was not accredited for IdentityCredential at 2026-12-04T10:00:00Z"). Immutable.
 */
public record TrustDecision(boolean trusted, String reason) {
  public TrustDecision {
    Objects.requireNonNull(reason, "reason");
  }

  public static TrustDecision trusted(String reason) {
    return new TrustDecision(true, reason);
  }

  public static TrustDecision refused(String reason) {
    return new TrustDecision(false, reason);
  }
}
