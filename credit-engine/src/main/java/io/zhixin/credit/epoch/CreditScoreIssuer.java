package io.zhixin.credit.epoch;

import com.nimbusds.jose.jwk.JWK;
import io.zhixin.chain.Bytes32;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.credit.internal.Hex;
import io.zhixin.credit.score.DimensionScore;
import io.zhixin.credit.score.Reason;
import io.zhixin.credit.score.ScoreResult;
import io.zhixin.keys.Signer;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Issues credit-score SD-JWT VCs ({@link CreditScoreCredential}) from a published {@link CreditEpoch}, each bound to
 * its holder's key ({@code cnf.jwk}), naming the epoch, the model and the as-of time, with every score claim
 * separately disclosable.
 *
 * <pre>{@code
 * CreditScoreIssuer bureau = CreditScoreIssuer.builder().signer(key.signer()).issuer(did).keyId(kid).build();
 * String sdJwt = bureau.issue(epoch, subjectPseudonym, holderPublicJwk, validUntil);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CreditScoreIssuer {
    private final SdJwtVcIssuer issuer;

    private CreditScoreIssuer(SdJwtVcIssuer issuer) {
        this.issuer = issuer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The issuer's DID. */
    public String issuer() {
        return issuer.issuer();
    }

    /**
     * Issues {@code subject}'s credential of {@code epoch}, bound to {@code holderKey}.
     *
     * @param validUntil the credential's {@code exp}; null for none (the epoch's revocation still ends it)
     * @throws IllegalArgumentException when the subject is not in the epoch or has insufficient data (no score to
     *     certify), or the holder key is private
     * @throws IllegalStateException when the epoch was never published
     */
    public String issue(CreditEpoch epoch, String subject, JWK holderKey, Instant validUntil) {
        return issuer.issue(CreditScoreCredential.VCT, claims(epoch, subject), holderKey, validUntil, List.of());
    }

    /**
     * The credential's claims for {@code subject}, for issuing through another channel (an OpenID4VCI issuer
     * service with {@link CreditScoreCredential#VCT}): the same checks as {@link #issue}.
     *
     * @throws IllegalArgumentException when the subject is not in the epoch or has insufficient data
     * @throws IllegalStateException when the epoch was never published
     */
    public static SdObject claims(CreditEpoch epoch, String subject) {
        CreditEpoch.Publication p = epoch.publication().orElseThrow(() -> new IllegalStateException("epoch " + epoch.epoch()
                + " was not published; publish it before issuing credentials that name it"));
        CreditEpoch.Entry entry = epoch.entry(subject).orElseThrow(() -> new IllegalArgumentException("subject " + subject
                + " is not in epoch " + epoch.epoch() + ": it has no counted attestation under " + epoch.modelLabel()));
        if (!(entry.result() instanceof ScoreResult.Scored s)) {
            ScoreResult.InsufficientData i = (ScoreResult.InsufficientData) entry.result();
            throw new IllegalArgumentException("subject " + subject + " has insufficient data in epoch " + epoch.epoch() + " ("
                    + i.countedAttestations() + " counted attestations in " + i.dimensionsWithEvidence()
                    + " dimensions; the model needs " + i.required().attestations() + " in " + i.required().dimensions()
                    + "): there is no score to certify");
        }
        SdObject.Builder dims = SdObject.builder();
        for (DimensionScore d : s.dimensions()) {
            dims.disclosable(d.dimension(), d.score());
        }
        Map<String, Object> commitment = new LinkedHashMap<>();
        commitment.put("subject", s.subject());
        commitment.put("salt", Hex.encode(entry.salt()));
        commitment.put("proof", epoch.proof(subject).stream().map(Bytes32::toHex).toList());
        SdObject.Builder claims = SdObject.builder()
                .plain(CreditScoreCredential.BUREAU, p.bureau())
                .plain(CreditScoreCredential.EPOCH, epoch.epoch())
                .plain(CreditScoreCredential.MODEL_ID, epoch.model().idHex())
                .plain(CreditScoreCredential.MODEL, epoch.modelLabel())
                .plain(CreditScoreCredential.AS_OF, epoch.asOf())
                .disclosable(CreditScoreCredential.COMPOSITE, s.composite())
                .disclosable(CreditScoreCredential.BAND, s.band())
                .plain(CreditScoreCredential.DIMENSIONS, dims.build());
        for (int t : CreditScoreCredential.THRESHOLDS) {
            claims.disclosable(CreditScoreCredential.scoreOver(t), s.composite() > t);
        }
        claims.disclosable(CreditScoreCredential.REASONS_UP, codes(s.reasonsUp()))
                .disclosable(CreditScoreCredential.REASONS_DOWN, codes(s.reasonsDown()))
                .disclosable(CreditScoreCredential.COMMITMENT, commitment)
                .decoys(3);
        return claims.build();
    }

    private static List<String> codes(List<Reason> rs) {
        return rs.stream().map(Reason::code).toList();
    }

    /** Builds a {@link CreditScoreIssuer}. */
    public static final class Builder {
        private Signer signer;
        private String issuer;
        private String keyId;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The bureau's signing key (ES256 for HAIP verifiers). Required. */
        public Builder signer(Signer signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** The bureau's DID ({@code iss}). Required. */
        public Builder issuer(String did) {
            this.issuer = Objects.requireNonNull(did, "did");
            return this;
        }

        /** The verification method of the signing key ({@code kid}). Required. */
        public Builder keyId(String keyId) {
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CreditScoreIssuer build() {
            if (signer == null || issuer == null || keyId == null) {
                throw new IllegalStateException("signer(...), issuer(...) and keyId(...) are required");
            }
            return new CreditScoreIssuer(SdJwtVcIssuer.builder().signer(signer).issuer(issuer).keyId(keyId).clock(clock).build());
        }
    }
}
