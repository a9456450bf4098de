package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusListAnchorRegistryIT {
  private static final Bytes32 LIST = Bytes32.keccak("zhixin:status-list:1");
  private Deployment deployment;

  @BeforeAll
  void deploy(DevChain chain) {
    deployment = Fixtures.deployed(chain).deployment();
  }

  @Test
  void anchor_newVersion_readsBackLatestAndEveryVersion(DevChain chain) {
    ZhixinChain issuer = Fixtures.as(chain, 1, deployment);
    StatusListAnchorRegistry registry = issuer.statusLists();
    Address me = issuer.sender().orElseThrow();
    assertThat(registry.latest(me, LIST)).isEmpty();

    registry.anchor(LIST, 1, Bytes32.keccak("list v1"));
    registry.anchor(LIST, 2, Bytes32.keccak("list v2"));

    StatusListAnchorRegistry.Anchor anchor = registry.latest(me, LIST).orElseThrow();
    assertThat(anchor.version()).isEqualTo(2);
    assertThat(anchor.digest()).isEqualTo(Bytes32.keccak("list v2"));
    assertThat(registry.digestAt(me, LIST, 1)).contains(Bytes32.keccak("list v1"));
    assertThat(registry.digestAt(me, LIST, 3)).isEmpty();
  }

  @Test
  void anchor_oldVersion_throwsDecodedVersionNotIncreasing(DevChain chain) {
    ZhixinChain issuer = Fixtures.as(chain, 2, deployment);
    issuer.statusLists().anchor(LIST, 5, Bytes32.keccak("v5"));
    assertThatThrownBy(() -> issuer.statusLists().anchor(LIST, 5, Bytes32.keccak("again")))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("StatusListVersionNotIncreasing");
          assertThat(e.arguments()).containsEntry("latest", java.math.BigInteger.valueOf(5));
          assertThat(e.transactionHash()).isEmpty(); // caught by the simulation, no nonce used
        });
    // Another issuer's list of the same id is independent.
    assertThat(issuer.statusLists().latest(Fixtures.account(chain, 3).address(), LIST)).isEmpty();
  }
}
