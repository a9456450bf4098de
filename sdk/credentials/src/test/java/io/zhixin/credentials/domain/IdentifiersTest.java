package io.zhixin.credentials.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void residentId_gb11643Example_valid() {
    ResidentIdNumber id = ResidentIdNumber.parse("11010519491231002X");
    assertThat(id.birthDate()).isEqualTo(LocalDate.of(1949, 12, 31));
    assertThat(id.gender()).isEqualTo("female");
    assertThat(id.areaCode()).isEqualTo("110105");
    assertThat(id.toString()).doesNotContain("19491231");
    assertThat(ResidentIdNumber.parse("440524188001010014").gender()).isEqualTo("male");
  }

  @Test
  void residentId_errors_nameTheProblem() {
    assertThatThrownBy(() -> ResidentIdNumber.parse("110105194912310021")).hasMessageContaining("check character");
    assertThatThrownBy(() -> ResidentIdNumber.parse("11010519491331002X")).hasMessageContaining("birth date");
    assertThatThrownBy(() -> ResidentIdNumber.parse("1101051949")).hasMessageContaining("18 characters");
    assertThat(ResidentIdNumber.isValid("11010519491231002x")).isTrue();
  }

  @Test
  void uscc_gb32100_checksum() {
    assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
    assertThat(UnifiedSocialCreditCode.parse("91350100M000100Y43").checksumValid()).isTrue();
  }

  @Test
  void uscc_pilotCodeFailingChecksum_parsedWithFlag() {
    UnifiedSocialCreditCode c = UnifiedSocialCreditCode.parse("91350100M000100Y44");
    assertThat(c.checksumValid()).isFalse();
  }

  @Test
  void uscc_badAlphabetOrLength_rejected() {
    assertThatThrownBy(() -> UnifiedSocialCreditCode.parse("91350100M000100YI3")).hasMessageContaining("'I'");
    assertThatThrownBy(() -> UnifiedSocialCreditCode.parse("9135")).hasMessageContaining("18 characters");
  }
}
