package io.zhixin.credit.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DecayTest {
    @Test
    void table_everyEntryIsTheRoundedQ30PowerOfTwo() {
        // T = round(2^30 * 2^(-i/64)) exactly when (2T - 1)^64 <= 2^(64 * 31 - i) < (2T + 1)^64.
        for (int i = 0; i < Decay.STEPS; i++) {
            BigInteger t = BigInteger.valueOf(Decay.tableEntry(i));
            BigInteger target = BigInteger.ONE.shiftLeft(64 * 31 - i);
            BigInteger lo = t.shiftLeft(1).subtract(BigInteger.ONE).pow(64);
            BigInteger hi = t.shiftLeft(1).add(BigInteger.ONE).pow(64);
            assertThat(lo.compareTo(target)).as("entry %d", i).isLessThanOrEqualTo(0);
            assertThat(target.compareTo(hi)).as("entry %d", i).isLessThan(0);
        }
    }

    @Test
    void factor_atWholeHalfLives_halves() {
        long h = 730 * 86_400L;
        assertThat(Decay.factorQ30(0, h)).isEqualTo(1L << 30);
        assertThat(Decay.factorQ30(h, h)).isEqualTo(1L << 29);
        assertThat(Decay.factorQ30(2 * h, h)).isEqualTo(1L << 28);
        assertThat(Decay.factorQ30(h / 2, h)).isEqualTo(Decay.tableEntry(32)); // 2^-0.5
    }

    @Test
    void factor_isMonotoneAndReachesZero() {
        long h = 86_400;
        long prev = Long.MAX_VALUE;
        for (long age = 0; age < 40 * h; age += 977) {
            long f = Decay.factorQ30(age, h);
            assertThat(f).isLessThanOrEqualTo(prev);
            prev = f;
        }
        assertThat(Decay.factorQ30(31 * h, h)).isZero();
        assertThat(Decay.factorQ30(0xFFFF_FFFFL, 1)).isZero();
    }

    @Test
    void factor_zeroHalfLifeOrFutureAge_isOne() {
        assertThat(Decay.factorQ30(1_000_000, 0)).isEqualTo(Decay.ONE_Q30);
        assertThat(Decay.factorQ30(-5, 100)).isEqualTo(Decay.ONE_Q30);
    }
}
