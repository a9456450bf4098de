package io.zhixin.credit.score;

import static io.zhixin.credit.Fixtures.att;
import static io.zhixin.credit.Fixtures.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.credit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationColumnsTest {
    @Test
    void builder_groupsBySubjectInFirstSeenOrder() {
        AttestationColumns c = AttestationColumns.builder()
                .add(att(subject(2), "IDENTITY_VERIFIED", 1, 1))
                .add(att(subject(1), "IDENTITY_VERIFIED", 1, 1))
                .add(att(subject(2), "TAX_FILED_ON_TIME", 1, 1))
                .subject(subject(3))
                .build();
        assertThat(c.subjectCount()).isEqualTo(3);
        assertThat(c.rowCount()).isEqualTo(3);
        assertThat(c.subject(0)).isEqualTo(subject(2));
        assertThat(c.indexOf(subject(1))).isEqualTo(1);
        assertThat(c.indexOf(subject(9))).isEqualTo(-1);
        assertThat(c.start).containsExactly(0, 2, 3, 3);
        assertThat(c.schemaIds()).containsExactly(Fixtures.schema("IDENTITY_VERIFIED"), Fixtures.schema("TAX_FILED_ON_TIME"));
    }

    @Test
    void wrap_rowReferringOutsideTheDictionary_isRefused() {
        byte[] ids = new byte[32];
        assertThatThrownBy(() -> AttestationColumns.wrap(ids, new int[] {0, 1}, List.of(Fixtures.schema("IDENTITY_VERIFIED")),
                List.of(Fixtures.ATTESTOR), new char[] {1}, new int[] {0}, new short[] {1}, new int[] {1}, new int[] {0},
                new int[] {0})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema 1 of 1");
    }

    @Test
    void wrap_decreasingOffsets_areRefused() {
        byte[] ids = new byte[64];
        assertThatThrownBy(() -> AttestationColumns.wrap(ids, new int[] {0, 1, 0}, List.of(), List.of(), new char[1],
                new int[1], new short[1], new int[1], new int[1], new int[1])).isInstanceOf(IllegalArgumentException.class);
    }
}
