package io.zhixin.credit.score;

import io.zhixin.credit.model.Dimension;
import io.zhixin.credit.model.SchemaRule;
import io.zhixin.credit.model.ScoringModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A score explained in words, for people: the composite and band, each dimension, and each reason code with what
 * its attestations say (the model's description of the schema) and how many points it moved. Integer formatting
 * only, like the scoring itself.
 */
public final class Explanation {
    private Explanation() {}

    /** One line: {@code 712 (very_good)} or {@code insufficient data (2 counted attestations in 1 dimension; needs 3 in 2)}. */
    public static String summary(ScoreResult r) {
        if (r instanceof ScoreResult.Scored s) {
            return s.composite() + " (" + s.band() + ")";
        }
        ScoreResult.InsufficientData i = (ScoreResult.InsufficientData) r;
        return "insufficient data (" + i.countedAttestations() + " counted attestation" + (i.countedAttestations() == 1 ? "" : "s")
                + " in " + i.dimensionsWithEvidence() + " dimension" + (i.dimensionsWithEvidence() == 1 ? "" : "s") + "; the model needs "
                + i.required().attestations() + " in " + i.required().dimensions() + ")";
    }

    /** The reasons only, in words: {@code up: loans repaid on time (+7.5 credit_history)}. */
    public static List<String> reasons(ScoreResult r, ScoringModel model) {
        List<String> out = new ArrayList<>();
        if (r instanceof ScoreResult.Scored s) {
            s.reasonsUp().forEach(x -> out.add("up    " + words(x, model)));
            s.reasonsDown().forEach(x -> out.add("down  " + words(x, model)));
        }
        return out;
    }

    /** Every line of a full explanation. */
    public static List<String> lines(ScoreResult r, ScoringModel model) {
        List<String> out = new ArrayList<>();
        out.add(r.subject() + ": " + summary(r));
        out.add("model " + model.name() + "-v" + model.version() + " (" + model.idHex() + "), epoch " + r.epoch().epoch()
                + ", as of " + Instant.ofEpochSecond(r.epoch().asOf()) + ", " + r.countedAttestations() + " attestations counted");
        if (r instanceof ScoreResult.Scored s) {
            for (DimensionScore d : s.dimensions()) {
                Dimension dim = model.dimensions().stream().filter(x -> x.id().equals(d.dimension())).findFirst().orElseThrow();
                out.add(String.format("  %-20s %3d  weight %2d, %d attestation%s", d.dimension(), d.score(), dim.weight(), d.evidence(),
                        d.evidence() == 1 ? "" : "s"));
            }
            reasons(r, model).forEach(l -> out.add("  " + l));
        }
        return out;
    }

    /** A reason in words: the schema's description without its value note, then the points it moved. */
    public static String words(Reason reason, ScoringModel model) {
        String text = model.schemas().stream().filter(s -> s.code().equals(reason.code())).findFirst()
                .map(SchemaRule::description).map(Explanation::withoutValueNote).orElse(reason.code());
        return reason.code() + ": " + text + " (" + points(reason.milliPoints()) + " " + reason.dimension() + ")";
    }

    private static String withoutValueNote(String d) {
        String t = d.strip();
        int p = t.lastIndexOf(" (");
        if (p > 0 && t.endsWith(").")) {
            t = t.substring(0, p);
        }
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    /** Milli-points as points with one decimal and a sign: {@code +7.5}, {@code -18.0}. */
    static String points(long milli) {
        long a = Math.abs(milli);
        long tenths = (a + 50) / 100;
        return (milli < 0 ? "-" : "+") + (tenths / 10) + "." + (tenths % 10);
    }
}
