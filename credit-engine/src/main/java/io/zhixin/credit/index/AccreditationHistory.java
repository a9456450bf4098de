package io.zhixin.credit.index;

import io.zhixin.chain.TrustRegistry;
import io.zhixin.credit.AccreditationInterval;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The trust registry's accreditation history replayed from its events, turned into the intervals in which each
 * issuer was accredited for each scope: an accreditation counts while it is inside its window, not revoked, not
 * suspended, and so is every accreditation above it ({@code TrustedIssuerRegistry._activeAt}). Not thread-safe.
 */
final class AccreditationHistory {
    private static final long OPEN = Long.MAX_VALUE;

    private static final class Acc {
        final String issuer;
        final long parent;
        final List<String> scopes;
        final long validFrom;
        final long validUntil;
        long revokedAt; // 0 = not revoked
        final List<long[]> suspensions = new ArrayList<>(); // [from, until), until = OPEN while suspended

        Acc(String issuer, long parent, List<String> scopes, long validFrom, long validUntil) {
            this.issuer = issuer;
            this.parent = parent;
            this.scopes = scopes;
            this.validFrom = validFrom;
            this.validUntil = validUntil;
        }
    }

    private final Map<Long, Acc> accreditations = new LinkedHashMap<>();

    /** Applies one change, in chain order. */
    void apply(TrustRegistry.Change change) {
        if (change instanceof TrustRegistry.Granted g) {
            accreditations.put(g.id(), new Acc(g.issuer().toHex(), g.parent(), g.scopes().stream().map(s -> s.toHex()).toList(),
                    g.validFrom().getEpochSecond(), g.validUntil().map(t -> t.getEpochSecond()).orElse(OPEN)));
        } else if (change instanceof TrustRegistry.Suspended s) {
            known(s.id()).suspensions.add(new long[] {s.effectiveFrom().getEpochSecond(), OPEN});
        } else if (change instanceof TrustRegistry.Reinstated r) {
            List<long[]> list = known(r.id()).suspensions;
            if (!list.isEmpty()) {
                list.get(list.size() - 1)[1] = r.effectiveFrom().getEpochSecond();
            }
        } else if (change instanceof TrustRegistry.Revoked r) {
            known(r.id()).revokedAt = r.effectiveFrom().getEpochSecond();
        }
    }

    private Acc known(long id) {
        Acc a = accreditations.get(id);
        if (a == null) {
            throw new IllegalStateException("accreditation " + id + " changed before it was granted; were blocks skipped?");
        }
        return a;
    }

    /** Every (issuer, scope) pair ever granted, keyed {@code issuer + "/" + scope}, with its intervals. */
    Map<String, List<AccreditationInterval>> intervals() {
        Map<Long, List<long[]>> active = new HashMap<>();
        Map<String, List<long[]>> byPair = new LinkedHashMap<>();
        for (Map.Entry<Long, Acc> e : accreditations.entrySet()) {
            List<long[]> own = activeOf(e.getKey(), active);
            for (String scope : e.getValue().scopes) {
                byPair.computeIfAbsent(e.getValue().issuer + "/" + scope, k -> new ArrayList<>()).addAll(own);
            }
        }
        Map<String, List<AccreditationInterval>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<long[]>> e : byPair.entrySet()) {
            String[] pair = e.getKey().split("/", 2);
            List<AccreditationInterval> list = new ArrayList<>();
            for (long[] i : merge(e.getValue())) {
                list.add(new AccreditationInterval(pair[0], pair[1], i[0], i[1]));
            }
            out.put(e.getKey(), List.copyOf(list));
        }
        return out;
    }

    /** The disjoint, sorted intervals in which accreditation {@code id} and all above it were valid. */
    private List<long[]> activeOf(long id, Map<Long, List<long[]>> memo) {
        List<long[]> done = memo.get(id);
        if (done != null) {
            return done;
        }
        Acc a = known(id);
        long end = a.revokedAt != 0 ? Math.min(a.validUntil, a.revokedAt) : a.validUntil;
        List<long[]> own = new ArrayList<>();
        if (a.validFrom < end) {
            own.add(new long[] {a.validFrom, end});
        }
        for (long[] s : a.suspensions) {
            own = subtract(own, s[0], s[1]);
        }
        if (a.parent != 0) {
            own = intersect(own, activeOf(a.parent, memo));
        }
        memo.put(id, own);
        return own;
    }

    private static List<long[]> subtract(List<long[]> in, long from, long until) {
        List<long[]> out = new ArrayList<>();
        for (long[] i : in) {
            if (until <= i[0] || from >= i[1]) {
                out.add(i);
                continue;
            }
            if (i[0] < from) {
                out.add(new long[] {i[0], from});
            }
            if (until < i[1]) {
                out.add(new long[] {until, i[1]});
            }
        }
        return out;
    }

    private static List<long[]> intersect(List<long[]> a, List<long[]> b) {
        List<long[]> out = new ArrayList<>();
        for (long[] x : a) {
            for (long[] y : b) {
                long from = Math.max(x[0], y[0]);
                long until = Math.min(x[1], y[1]);
                if (from < until) {
                    out.add(new long[] {from, until});
                }
            }
        }
        return out;
    }

    private static List<long[]> merge(List<long[]> in) {
        List<long[]> sorted = new ArrayList<>(in);
        sorted.sort((x, y) -> Long.compare(x[0], y[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] i : sorted) {
            if (!out.isEmpty() && i[0] <= out.get(out.size() - 1)[1]) {
                long[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], i[1]);
            } else {
                out.add(new long[] {i[0], i[1]});
            }
        }
        return out;
    }

    /** The pairs whose intervals differ between {@code before} and {@code after} (removed pairs map to an empty list). */
    static Map<String, List<AccreditationInterval>> changed(Map<String, List<AccreditationInterval>> before,
            Map<String, List<AccreditationInterval>> after) {
        Map<String, List<AccreditationInterval>> out = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!Objects.equals(before.get(k), v)) {
                out.put(k, v);
            }
        });
        before.keySet().stream().filter(k -> !after.containsKey(k)).forEach(k -> out.put(k, List.of()));
        return out;
    }
}
