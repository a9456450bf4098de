package io.zhixin.credit.score;

/**
 * Time decay in fixed point, without floating point: the weight of an attestation of age {@code a} under a
 * half-life {@code h} is 2<sup>&minus;a/h</sup>, computed as
 *
 * <pre>
 *   k      = floor(a * 64 / h)              (age in 64ths of a half-life)
 *   factor = TABLE[k mod 64] &gt;&gt; (k / 64)     (Q30: 2^30 means 1.0; 0 once k / 64 &gt;= 31)
 * </pre>
 *
 * where {@code TABLE[i] = round(2^30 * 2^(-i/64))}, half up, written out below as literals so that no
 * machine computes it. The factor is therefore a step function with 64 steps per half-life (each step about
 * 1.1%), identical on every JVM. A test checks every entry exactly with big integers.
 *
 * <p>Stateless and thread-safe.
 */
public final class Decay {
    /** Steps per half-life. */
    public static final int STEPS = 64;
    /** 1.0 in the Q30 fixed point of {@link #factorQ30}. */
    public static final long ONE_Q30 = 1L << 30;

    static final int[] TABLE = {
        1073741824, 1062175491, 1050733751, 1039415261, 1028218693, 1017142735, 1006186087, 995347464,
        984625594, 974019220, 963527098, 953147997, 942880699, 932724001, 922676710, 912737649,
        902905651, 893179563, 883558244, 874040567, 864625413, 855311680, 846098274, 836984114,
        827968132, 819049271, 810226483, 801498734, 792865000, 784324269, 775875538, 767517817,
        759250125, 751071493, 742980960, 734977579, 727060411, 719228525, 711481005, 703816941,
        696235434, 688735596, 681316545, 673977412, 666717336, 659535466, 652430958, 645402981,
        638450708, 631573326, 624770026, 618040012, 611382493, 604796689, 598281827, 591837143,
        585461881, 579155293, 572916640, 566745190, 560640218, 554601009, 548626854, 542717053,
    };

    private Decay() {}

    /**
     * The decay factor in Q30 ({@link #ONE_Q30} = 1.0) for an attestation {@code ageSeconds} old under a
     * half-life of {@code halfLifeSeconds}; 1.0 when the half-life is 0 (no decay) or the age is not positive.
     */
    public static long factorQ30(long ageSeconds, long halfLifeSeconds) {
        if (halfLifeSeconds <= 0 || ageSeconds <= 0) {
            return ONE_Q30;
        }
        long k = ageSeconds * STEPS / halfLifeSeconds;
        long halvings = k >>> 6;
        if (halvings >= 31) {
            return 0;
        }
        return TABLE[(int) (k & (STEPS - 1))] >> halvings;
    }

    /** The table entry {@code round(2^30 * 2^(-i/64))}, for {@code 0 <= i < 64}. */
    public static int tableEntry(int i) {
        return TABLE[i];
    }
}
