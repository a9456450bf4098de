package io.zhixin.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CheckTest {
  private static final Instant AT = Instant.parse("2027-12-04T21:00:00Z");

  @Test
  void passedAtAnInstant_readsAndComparesLikeTheWholeText() {
    Check lazy = Check.passed(CheckCode.EXPIRED, "valid until ", AT);
    Check eager = Check.passed(CheckCode.EXPIRED, "valid until 2027-12-04T21:00:00Z");
    assertThat(lazy.hashCode()).isEqualTo(eager.hashCode()); // before detail() was read
    assertThat(lazy).isEqualTo(eager);
    assertThat(lazy.detail()).isEqualTo("valid until 2027-12-04T21:00:00Z");
    assertThat(lazy.toString()).isEqualTo(eager.toString());
    assertThat(lazy.outcome()).isEqualTo(Check.Outcome.PASSED);
  }

  @Test
  void missingParts_refused() {
    assertThatThrownBy(() -> Check.passed(CheckCode.EXPIRED, "valid until ", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Check.passed(CheckCode.EXPIRED, null, AT)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Check.failed(CheckCode.EXPIRED, " ")).isInstanceOf(IllegalArgumentException.class);
  }
}
