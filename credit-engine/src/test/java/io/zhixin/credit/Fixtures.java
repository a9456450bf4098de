package io.zhixin.credit;

import io.zhixin.credit.model.ScoringModel;

/** Small builders for tests: ids from counters, the person model's schema ids by reason code. */
public final class Fixtures {
    public static final long DAY = 86_400;
    /** 2026-12-01T00:00:00Z. */
    public static final long AS_OF = 1_796_083_200L;
    public static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
    public static final ScoringModel ENTITY = ScoringModel.builtIn("entity-v1");
    public static final String ATTESTOR = address(1);
    public static final String OTHER_ATTESTOR = address(2);

    private static long uids;

    private Fixtures() {}

    public static String bytes32(long n) {
        String h = Long.toHexString(n);
        return "0x" + "0".repeat(64 - h.length()) + h;
    }

    public static String address(long n) {
        String h = Long.toHexString(n);
        return "0x" + "0".repeat(40 - h.length()) + h;
    }

    public static String subject(long n) {
        return bytes32(0x5000_0000L + n);
    }

    /** The id of the person model's schema with reason code {@code code}. */
    public static String schema(String code) {
        return PERSON.schemas().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow().id();
    }

    /** An attestation by {@link #ATTESTOR} under {@code code}, {@code daysAgo} days before {@link #AS_OF}. */
    public static Attestation att(String subject, String code, int value, long daysAgo) {
        return new Attestation(bytes32(++uids), subject, schema(code), ATTESTOR, value, AS_OF - daysAgo * DAY, 0, 0);
    }

    /** {@link #ATTESTOR} accredited for every schema of the person model from ten years before {@link #AS_OF}, open-ended. */
    public static java.util.List<AccreditationInterval> accreditedForEverything() {
        return PERSON.schemas().stream()
                .map(s -> new AccreditationInterval(ATTESTOR, s.id(), AS_OF - 3650 * DAY, Long.MAX_VALUE))
                .toList();
    }
}
