package io.zhixin.credit.score;

import io.zhixin.credit.AccreditationInterval;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which attestor was accredited for which schema when: the accreditation intervals the scorer checks each
 * attestation's issue time against. Immutable and thread-safe.
 */
public final class Accreditations {
    private final Map<String, List<AccreditationInterval>> byPair;

    private Accreditations(Map<String, List<AccreditationInterval>> byPair) {
        this.byPair = byPair;
    }

    /** The accreditations made of {@code intervals} (in any order; overlapping intervals are fine). */
    public static Accreditations of(Collection<AccreditationInterval> intervals) {
        Map<String, List<AccreditationInterval>> m = new HashMap<>();
        for (AccreditationInterval i : intervals) {
            m.computeIfAbsent(key(i.attestor(), i.schema()), k -> new ArrayList<>()).add(i);
        }
        m.replaceAll((k, v) -> {
            v.sort(Comparator.comparingLong(AccreditationInterval::validFrom));
            return List.copyOf(v);
        });
        return new Accreditations(Map.copyOf(m));
    }

    /** No accreditations at all: nothing counts. */
    public static Accreditations none() {
        return new Accreditations(Map.of());
    }

    /** Whether {@code attestor} was accredited for {@code schema} at second {@code t}. */
    public boolean isAccredited(String attestor, String schema, long t) {
        for (AccreditationInterval i : byPair.getOrDefault(key(attestor, schema), List.of())) {
            if (i.contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Every interval. */
    public List<AccreditationInterval> intervals() {
        List<AccreditationInterval> all = new ArrayList<>();
        byPair.values().forEach(all::addAll);
        return all;
    }

    /**
     * A flat lookup table for the given dictionaries: for pair {@code p = attestor * schemas + schema},
     * intervals {@code offsets[p]} to {@code offsets[p + 1]} of {@code from} and {@code until}.
     */
    Table table(List<String> attestorIds, List<String> schemaIds, boolean[] schemaUsed) {
        int a = attestorIds.size();
        int s = schemaIds.size();
        int[] offsets = new int[a * s + 1];
        List<long[]> flat = new ArrayList<>();
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < s; j++) {
                offsets[i * s + j] = flat.size();
                if (!schemaUsed[j]) {
                    continue;
                }
                for (AccreditationInterval iv : byPair.getOrDefault(key(attestorIds.get(i), schemaIds.get(j)), List.of())) {
                    flat.add(new long[] {iv.validFrom(), iv.validUntil()});
                }
            }
        }
        offsets[a * s] = flat.size();
        long[] from = new long[flat.size()];
        long[] until = new long[flat.size()];
        for (int i = 0; i < flat.size(); i++) {
            from[i] = flat.get(i)[0];
            until[i] = flat.get(i)[1];
        }
        return new Table(s, offsets, from, until);
    }

    private static String key(String attestor, String schema) {
        return attestor + "/" + schema;
    }

    /** The flat form the scoring loop reads. */
    record Table(int schemas, int[] offsets, long[] from, long[] until) {
        boolean accredited(int attestor, int schema, long t) {
            int p = attestor * schemas + schema;
            for (int k = offsets[p], end = offsets[p + 1]; k < end; k++) {
                if (t >= from[k] && t < until[k]) {
                    return true;
                }
            }
            return false;
        }
    }
}
