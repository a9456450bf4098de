package io.zhixin.credit.share;

import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.keys.Signer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The holder's side of sharing a credit score: makes a presentation of a credit-score SD-JWT VC for one request,
 * disclosing exactly the requested claims, with a key binding JWT for the requesting bank's audience and nonce, and
 * only if the holder approved every requested claim.
 *
 * <pre>{@code
 * CreditShare share = CreditShare.of(creditCredential, holderKey.signer());
 * String proof = share.present(request, Set.of("score_over_650", "dimensions/credit_history"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CreditShare {
    private final String credential;
    private final Signer holder;
    private final Clock clock;

    private CreditShare(String credential, Signer holder, Clock clock) {
        this.credential = credential;
        this.holder = holder;
        this.clock = clock;
    }

    /** Shares {@code credential} (as issued, all disclosures) with the holder key {@code holder}. */
    public static CreditShare of(String credential, Signer holder) {
        return of(credential, holder, Clock.systemUTC());
    }

    public static CreditShare of(String credential, Signer holder, Clock clock) {
        return new CreditShare(Objects.requireNonNull(credential, "credential"), Objects.requireNonNull(holder, "holder"),
                Objects.requireNonNull(clock, "clock"));
    }

    /** The claim paths this credential can disclose ({@code composite}, {@code dimensions/credit_history}, …). */
    public Set<String> disclosable() {
        return SdJwtPresentation.disclosablePaths(credential);
    }

    /**
     * The presentation for {@code request}: exactly its claims disclosed, key-bound to its audience and nonce.
     *
     * @param approved the claims the holder agreed to disclose to this verifier
     * @throws CreditShareRefusedException {@code NOT_APPROVED} when the request asks for a claim not in
     *     {@code approved}, {@code NOT_IN_CREDENTIAL} when it asks for one the credential cannot disclose; nothing is
     *     signed then
     */
    public String present(CreditProofRequest request, Set<String> approved) {
        List<String> notApproved = new ArrayList<>();
        for (String c : request.claims()) {
            if (!approved.contains(c)) {
                notApproved.add(c);
            }
        }
        if (!notApproved.isEmpty()) {
            throw new CreditShareRefusedException(CreditShareRefusedException.Reason.NOT_APPROVED, notApproved,
                    request.audience() + " asks for " + notApproved + ", which the holder did not approve (approved: "
                            + approved + "); nothing was disclosed");
        }
        Set<String> paths = disclosable();
        List<String> missing = request.claims().stream().filter(c -> !paths.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new CreditShareRefusedException(CreditShareRefusedException.Reason.NOT_IN_CREDENTIAL, missing,
                    request.audience() + " asks for " + missing + ", which this credential cannot disclose; nothing was disclosed");
        }
        SdJwtPresentation.Builder b = SdJwtPresentation.builder(credential);
        request.claims().forEach(b::disclose);
        return b.keyBinding(holder, request.audience(), request.nonce()).clock(clock).build();
    }
}
