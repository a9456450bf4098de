package io.zhixin.credit.epoch;

import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.credentials.VerifiedCredential;
import java.util.List;
import java.util.Map;

/**
 * The verdict of {@link CreditProofVerifier#verify}: {@link Accepted} (signature, key binding, policy and the chain
 * all agree) or {@link Rejected} with every problem found.
 */
public sealed interface CreditProofResult permits CreditProofResult.Accepted, CreditProofResult.Rejected {
    /** Whether the proof was accepted. */
    boolean isAccepted();

    /**
     * One reason for a rejection.
     *
     * @param code a stable code: the SDK verifier's check codes ({@code signature}, {@code nonce},
     *     {@code claim_missing}, …) and {@code bureau_mismatch}, {@code epoch_unknown}, {@code epoch_revoked},
     *     {@code model_mismatch}, {@code not_included}
     * @param detail what was expected and what was found
     */
    record Problem(String code, String detail) {}

    /**
     * An accepted credit proof.
     *
     * @param credential the verified credential: only disclosed, digest-checked claims
     * @param epoch the epoch as the registry holds it (published, not revoked)
     * @param inclusionChecked whether the holder disclosed enough (every score claim and {@code commitment}) for the
     *     leaf to be checked against the published root on chain, and it was
     */
    record Accepted(VerifiedCredential credential, CreditScoreRegistry.Epoch epoch, boolean inclusionChecked)
            implements CreditProofResult {
        /** The disclosed claims. */
        public Map<String, Object> claims() {
            return credential.claims();
        }

        @Override
        public boolean isAccepted() {
            return true;
        }
    }

    /** A rejected credit proof. */
    record Rejected(List<Problem> problems) implements CreditProofResult {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }

        @Override
        public boolean isAccepted() {
            return false;
        }
    }
}
