package io.zhixin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DevAccountsTest {
  @Test
  void derivesHardhatsWellKnownAccounts() {
    assertThat(DevAccounts.hardhat()).hasSize(20);
    // Hardhat's documented first and last default accounts.
    assertThat(DevAccounts.hardhat().get(0).getAddress()).isEqualToIgnoringCase("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
    assertThat(DevAccounts.hardhat().get(19).getAddress()).isEqualToIgnoringCase("0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199");
  }

  @Test
  void refusesABadPrivateKeyWithoutEchoingIt() {
    assertThatThrownBy(() -> DevAccounts.fromPrivateKeys("0xnot-a-key-secret"))
        .isInstanceOf(DevChainException.class)
        .hasMessageNotContaining("secret");
  }
}
