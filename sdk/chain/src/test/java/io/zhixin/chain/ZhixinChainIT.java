package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithDevChain
class ZhixinChainIT {
  @Test
  void deploy_writeManifest_connectFromIt(DevChain chain, @TempDir Path dir) {
    Deployment deployment;
    try (ZhixinChain deployer = Fixtures.connect(chain, 0)) {
      deployment = deployer.deploy();
    }
    assertThat(deployment.chainId()).isEqualTo(chain.chainId());
    Path file = dir.resolve("deployment.json");
    deployment.write(file);

    try (ZhixinChain reader = ZhixinChain.connectReadOnly(chain.rpcUrl(), Deployment.read(file))) {
      assertThat(reader.trustRegistry().rootAuthority()).isEqualTo(deployment.deployer());
      assertThat(reader.creditScores().bureauScope()).isEqualTo(deployment.creditBureauScope());
      assertThat(reader.sender()).isEmpty();
      assertThatThrownBy(() -> reader.statusLists().anchor(Bytes32.keccak("l"), 1, Bytes32.keccak("d")))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("read-only");
    }
  }

  @Test
  void connect_manifestOfAnotherChain_throwsChainIdMismatch(DevChain chain) {
    Deployment other = DeploymentTest.sample(chain.chainId() + 1);
    assertThatThrownBy(() -> ZhixinChain.connect(chain.rpcUrl(), Fixtures.account(chain, 0), other))
        .isInstanceOfSatisfying(ChainIdMismatchException.class, e -> {
          assertThat(e.expected()).isEqualTo(chain.chainId() + 1);
          assertThat(e.actual()).isEqualTo(chain.chainId());
        });
  }
}
