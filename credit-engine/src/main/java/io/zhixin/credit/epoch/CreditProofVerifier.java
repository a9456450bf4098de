package io.zhixin.credit.epoch;

import io.zhixin.chain.Address;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.credentials.IssuerKeyResolver;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credentials.Verifier;
import io.zhixin.credit.internal.Hex;
import io.zhixin.credit.model.Dimension;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.DimensionScore;
import io.zhixin.credit.score.Reason;
import io.zhixin.credit.score.ScoreEncoding;
import io.zhixin.credit.score.ScoreResult;
import io.zhixin.credit.score.ScoringEpoch;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bank's check of a credit proof: a presentation of a credit-score credential ({@link CreditScoreCredential}).
 *
 * <h2>What this checks</h2>
 * Everything the SDK's {@link Verifier} checks for an SD-JWT VC presentation (issuer signature from a trusted bureau,
 * key binding to the holder's key with this verifier's audience and the request's nonce, freshness, validity,
 * disclosure digests, type {@link CreditScoreCredential#VCT}, the required claims), then on chain, read only: that
 * the credential's {@code bureau} is the chain address configured for its issuer, that the bureau published the
 * named epoch and has not revoked it, and that the epoch was computed with the credential's {@code model_id}. When
 * the holder disclosed every score claim and {@code commitment}, and the model is known here, it also recomputes the
 * score record's hash and has the registry check the leaf against the epoch's root ({@code isScoreIncluded}).
 *
 * <pre>{@code
 * CreditProofVerifier bank = CreditProofVerifier.builder()
 *     .issuerKeys(DidIssuerKeys.of(dids)).trustedBureau(bureauDid, bureauAddress)
 *     .registry(readOnlyChain.creditScores())
 *     .requiredClaims("score_over_650", "dimensions/credit_history")
 *     .audience("https://loans.bank.example").build();
 * CreditProofResult r = bank.verify(presentation, nonceOfThisRequest);
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per policy and share it. {@code verify} never throws on bad input; a chain
 * outage throws {@link io.zhixin.chain.ChainException}.
 */
public final class CreditProofVerifier {
    private final Verifier verifier;
    private final Map<String, Address> bureaus;
    private final CreditScoreRegistry registry;
    private final Map<String, ScoringModel> models;

    private CreditProofVerifier(Builder b) {
        Verifier.Builder v = Verifier.builder().issuerKeys(b.keys).trustedIssuers(b.bureaus.keySet().toArray(String[]::new))
                .acceptedTypes(CreditScoreCredential.VCT).requiredClaims(b.required.toArray(String[]::new))
                .audience(b.audience).noncePerRequest().clock(b.clock)
                // A credit-score credential has no status list: its epoch's revocation on chain is its status.
                .ignoreStatus();
        this.verifier = v.build();
        this.bureaus = Map.copyOf(b.bureaus);
        this.registry = b.registry;
        this.models = Map.copyOf(b.models);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Verifies {@code presentation} against this policy, expecting {@code nonce} in its key binding JWT. */
    public CreditProofResult verify(String presentation, String nonce) {
        VerificationResult r = verifier.verify(presentation, nonce);
        if (!(r instanceof VerificationResult.Verified v)) {
            return new CreditProofResult.Rejected(r.problems().stream()
                    .map(c -> new CreditProofResult.Problem(c.code().code(), c.detail())).toList());
        }
        return checkOnChain(v.credential());
    }

    /**
     * The chain half of {@link #verify}, for a credit-score credential that another verifier already checked (for
     * example an OpenID4VP {@code VerifierService} whose SDK {@link Verifier} has the same policy): the bureau's
     * address, the epoch published, not revoked and computed with the named model, and the leaf when disclosed.
     * The credential must come from a {@code Verifier} that checked its signature, key binding and type.
     */
    public CreditProofResult checkOnChain(VerifiedCredential c) {
        if (!c.types().contains(CreditScoreCredential.VCT)) {
            return reject("type_not_accepted", "expected a credit-score credential (" + CreditScoreCredential.VCT + "), found "
                    + c.types());
        }
        if (!bureaus.containsKey(c.issuer())) {
            return reject("issuer_not_trusted", "issuer " + c.issuer() + " is not a bureau this verifier trusts");
        }
        List<CreditProofResult.Problem> problems = new ArrayList<>();
        Address expected = bureaus.get(c.issuer());
        String bureauClaim = String.valueOf(c.claim(CreditScoreCredential.BUREAU).orElse(""));
        Optional<Address> bureau = parse(bureauClaim);
        if (bureau.isEmpty() || !bureau.get().equals(expected)) {
            return reject("bureau_mismatch", "the credential names bureau " + bureauClaim + "; issuer " + c.issuer()
                    + " publishes as " + expected);
        }
        long epochNo = number(c.claim(CreditScoreCredential.EPOCH).orElse(null));
        Optional<CreditScoreRegistry.Epoch> epoch = epochNo < 0 ? Optional.empty() : registry.epoch(bureau.get(), epochNo);
        if (epoch.isEmpty()) {
            return reject("epoch_unknown", "bureau " + bureau.get() + " published no epoch " + c.claim(CreditScoreCredential.EPOCH)
                    .orElse("(none)"));
        }
        if (epoch.get().revokedAt().isPresent()) {
            problems.add(new CreditProofResult.Problem("epoch_revoked", "epoch " + epochNo + " of bureau " + bureau.get()
                    + " was revoked at " + epoch.get().revokedAt().get() + " (reason "
                    + epoch.get().revocationReason().map(Bytes32::toText).orElse("?") + ")"));
        }
        String modelId = String.valueOf(c.claim(CreditScoreCredential.MODEL_ID).orElse(""));
        if (!epoch.get().modelHash().toHex().equals(modelId)) {
            problems.add(new CreditProofResult.Problem("model_mismatch", "epoch " + epochNo + " was computed with model "
                    + epoch.get().modelHash() + ", the credential names " + modelId));
        }
        if (!problems.isEmpty()) {
            return new CreditProofResult.Rejected(problems);
        }
        boolean inclusion = false;
        Optional<Included> leaf = leafOf(c, modelId, epochNo);
        if (leaf.isPresent()) {
            if (!registry.isScoreIncluded(bureau.get(), epochNo, leaf.get().subject, leaf.get().scoreHash, leaf.get().proof)) {
                return reject("not_included", "the disclosed score record of epoch " + epochNo
                        + " is not under the root the bureau published");
            }
            inclusion = true;
        }
        return new CreditProofResult.Accepted(c, epoch.get(), inclusion);
    }

    private record Included(Bytes32 subject, Bytes32 scoreHash, List<Bytes32> proof) {}

    /** The subject, score hash and proof, when everything needed to recompute the record was disclosed. */
    private Optional<Included> leafOf(VerifiedCredential c, String modelId, long epochNo) {
        ScoringModel model = models.get(modelId);
        Map<String, Object> claims = c.claims();
        if (model == null || !(claims.get(CreditScoreCredential.COMMITMENT) instanceof Map<?, ?> commitment)
                || !(claims.get(CreditScoreCredential.DIMENSIONS) instanceof Map<?, ?> dims)
                || !(claims.get(CreditScoreCredential.REASONS_UP) instanceof List<?> up)
                || !(claims.get(CreditScoreCredential.REASONS_DOWN) instanceof List<?> down)) {
            return Optional.empty();
        }
        long composite = number(claims.get(CreditScoreCredential.COMPOSITE));
        long asOf = number(claims.get(CreditScoreCredential.AS_OF));
        List<DimensionScore> scores = new ArrayList<>();
        for (Dimension d : model.dimensions()) {
            if (!dims.containsKey(d.id())) {
                return Optional.empty();
            }
            scores.add(new DimensionScore(d.id(), (int) number(dims.get(d.id())), 0));
        }
        try {
            String subject = String.valueOf(commitment.get("subject"));
            byte[] salt = Hex.decode(String.valueOf(commitment.get("salt")));
            List<Bytes32> proof = new ArrayList<>();
            for (Object p : (List<?>) commitment.get("proof")) {
                proof.add(Bytes32.fromHex(String.valueOf(p)));
            }
            int comp = (int) composite;
            ScoreResult.Scored s = new ScoreResult.Scored(subject, modelId, ScoringEpoch.of(epochNo, asOf), comp,
                    String.valueOf(claims.get(CreditScoreCredential.BAND)), model.bandIndexOf(comp), scores,
                    up.stream().map(x -> new Reason(String.valueOf(x), "", 0)).toList(),
                    down.stream().map(x -> new Reason(String.valueOf(x), "", 0)).toList(), 0);
            return Optional.of(new Included(Bytes32.fromHex(subject), Bytes32.of(ScoreEncoding.scoreHash(s, model, salt)), proof));
        } catch (RuntimeException malformed) {
            // disclosed but not a well-formed record: it is then checked as "not included"
            return Optional.of(new Included(Bytes32.ZERO, Bytes32.ZERO, List.of()));
        }
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : -1;
    }

    private static Optional<Address> parse(String s) {
        try {
            return Optional.of(Address.parse(s));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static CreditProofResult reject(String code, String detail) {
        return new CreditProofResult.Rejected(List.of(new CreditProofResult.Problem(code, detail)));
    }

    /** Builds a {@link CreditProofVerifier}; audience, bureau, keys and registry are required. */
    public static final class Builder {
        private IssuerKeyResolver keys;
        private final Map<String, Address> bureaus = new LinkedHashMap<>();
        private CreditScoreRegistry registry;
        private final List<String> required = new ArrayList<>();
        private String audience;
        private Clock clock = Clock.systemUTC();
        private final Map<String, ScoringModel> models = new HashMap<>();

        private Builder() {}

        /** Where the bureaus' public keys come from (e.g. {@code DidIssuerKeys.of(resolver)}). Required. */
        public Builder issuerKeys(IssuerKeyResolver keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** A bureau this bank trusts: its DID (the credential's {@code iss}) and the chain address it publishes from. */
        public Builder trustedBureau(String did, Address chainAddress) {
            bureaus.put(Objects.requireNonNull(did, "did"), Objects.requireNonNull(chainAddress, "chainAddress"));
            return this;
        }

        /** The credit score registry, read only. Required. */
        public Builder registry(CreditScoreRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** Claims the holder must disclose ({@code score_over_650}, {@code dimensions/credit_history}). */
        public Builder requiredClaims(String... paths) {
            required.addAll(List.of(paths));
            return this;
        }

        /** This bank's identifier, which the key binding JWT's {@code aud} must be. Required. */
        public Builder audience(String audience) {
            this.audience = Objects.requireNonNull(audience, "audience");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Models whose records this verifier can recompute for the inclusion check (by default the built-in ones). */
        public Builder models(ScoringModel... ms) {
            for (ScoringModel m : ms) {
                models.put(m.idHex(), m);
            }
            return this;
        }

        public CreditProofVerifier build() {
            if (keys == null || bureaus.isEmpty() || registry == null || audience == null) {
                throw new IllegalStateException("issuerKeys(...), trustedBureau(...), registry(...) and audience(...) are required");
            }
            if (models.isEmpty()) {
                models(ScoringModel.builtIn("person-v1"), ScoringModel.builtIn("entity-v1"));
            }
            return new CreditProofVerifier(this);
        }
    }
}
