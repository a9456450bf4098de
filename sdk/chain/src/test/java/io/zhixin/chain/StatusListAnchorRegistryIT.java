package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Deploys the contract through its generated wrapper on the dev chain and calls it. */
@WithDevChain
class StatusListAnchorRegistryIT {
  private static final Bytes32 LIST = Bytes32.keccak("zhixin:status-list:1");

  @Test
  void anchorsAndReadsBackAStatusListDigest(DevChain chain) {
    StatusListAnchorRegistry registry = StatusListAnchorRegistry.deploy(chain.web3j(), chain.transactionManager(0));
    String issuer = chain.account(0).getAddress();
    assertThat(registry.latest(issuer, LIST)).isEmpty();

    TransactionReceipt receipt = registry.anchor(LIST, 1, Bytes32.keccak("list v1"));
    assertThat(receipt.isStatusOK()).isTrue();

    StatusListAnchorRegistry.Anchor anchor = registry.latest(issuer, LIST).orElseThrow();
    assertThat(anchor.version()).isEqualTo(1);
    assertThat(anchor.digest()).isEqualTo(Bytes32.keccak("list v1"));
  }

  @Test
  void refusesToReplayAnOldVersion(DevChain chain) {
    StatusListAnchorRegistry registry = StatusListAnchorRegistry.deploy(chain.web3j(), chain.transactionManager(1));
    registry.anchor(LIST, 2, Bytes32.keccak("v2"));
    assertThatThrownBy(() -> registry.anchor(LIST, 2, Bytes32.keccak("again"))).isInstanceOf(ChainException.class);
    // Another issuer's list of the same id is independent.
    StatusListAnchorRegistry other = StatusListAnchorRegistry.at(registry.address(), chain.web3j(), chain.transactionManager(2));
    assertThat(other.latest(chain.account(2).getAddress(), LIST)).isEmpty();
  }
}
