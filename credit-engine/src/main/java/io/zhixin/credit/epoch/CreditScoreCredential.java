package io.zhixin.credit.epoch;

import java.util.List;

/**
 * The credit-score SD-JWT VC: its type and claim names.
 *
 * <p>Always visible: {@code bureau} (the bureau's chain address, which published the epoch), {@code epoch},
 * {@code model_id} (the model's id as registered), {@code model} ({@code person-v1}), {@code as_of} (Unix seconds:
 * the registry stores no as-of time, so the credential carries it). Each separately disclosable: {@code composite},
 * {@code band}, every dimension under {@code dimensions} ({@code dimensions/credit_history}), the predicates
 * {@code score_over_600}, {@code score_over_650}, {@code score_over_700}, {@code score_over_750}, {@code reasons_up},
 * {@code reasons_down}, and {@code commitment} (the subject's on-chain pseudonym, the salt and the Merkle proof,
 * which with every score claim lets a verifier check the leaf against the published root; disclosing it links the
 * holder to the pseudonym's public attestations, so share it only where that is wanted).
 */
public final class CreditScoreCredential {
    /** The SD-JWT VC type. */
    public static final String VCT = "https://zhixin.io/vct/credit-score";
    /** The thresholds of the {@code score_over_N} predicates. */
    public static final List<Integer> THRESHOLDS = List.of(600, 650, 700, 750);

    public static final String BUREAU = "bureau";
    public static final String EPOCH = "epoch";
    public static final String MODEL_ID = "model_id";
    public static final String MODEL = "model";
    public static final String AS_OF = "as_of";
    public static final String COMPOSITE = "composite";
    public static final String BAND = "band";
    public static final String DIMENSIONS = "dimensions";
    public static final String REASONS_UP = "reasons_up";
    public static final String REASONS_DOWN = "reasons_down";
    public static final String COMMITMENT = "commitment";

    private CreditScoreCredential() {}

    /** The predicate claim for {@code threshold}: {@code score_over_650}. */
    public static String scoreOver(int threshold) {
        return "score_over_" + threshold;
    }

    /** The path of a dimension's claim: {@code dimensions/credit_history}. */
    public static String dimension(String id) {
        return DIMENSIONS + "/" + id;
    }
}
