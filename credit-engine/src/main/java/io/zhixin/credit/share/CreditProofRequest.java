package io.zhixin.credit.share;

import java.util.List;
import java.util.Objects;

/**
 * What a bank asks of a credit-score credential: who asks ({@code audience}, which the key binding names), a fresh
 * {@code nonce}, why, and exactly which claims ({@code score_over_650}, {@code dimensions/credit_history}).
 */
public record CreditProofRequest(String audience, String nonce, String purpose, List<String> claims) {
    public CreditProofRequest {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(purpose, "purpose");
        claims = List.copyOf(claims);
        if (nonce.isEmpty()) {
            throw new IllegalArgumentException("a credit proof request needs a nonce");
        }
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("a credit proof request must ask for at least one claim");
        }
    }

    /** A request by {@code audience} with {@code nonce}, for {@code purpose}, for {@code claims}. */
    public static CreditProofRequest of(String audience, String nonce, String purpose, String... claims) {
        return new CreditProofRequest(audience, nonce, purpose, List.of(claims));
    }
}
