package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@WithDevChain
class CreditScoreRegistryIT {
  @Test
  void publishEpoch_scoreProofsVerify_untilTheEpochIsRevoked(DevChain chain) {
    ZhixinChain root = Fixtures.deployed(chain);
    assertThat(root.creditScores().bureauScope()).isEqualTo(CreditScoreRegistry.DEFAULT_BUREAU_SCOPE);
    root.trustRegistry().accredit(TrustRegistry.Grant.to(Fixtures.account(chain, 12).address()).scopes(CreditScoreRegistry.DEFAULT_BUREAU_SCOPE));
    ZhixinChain bureau = Fixtures.as(chain, 12, root.deployment());
    Address me = bureau.sender().orElseThrow();
    Bytes32 model = Bytes32.keccak("zhixin-person-model-v1");
    bureau.creditScores().registerModel(model, "person v1");
    assertThat(bureau.creditScores().model(model).orElseThrow().name()).isEqualTo("person v1");

    List<Bytes32> subjects = new ArrayList<>();
    List<Bytes32> scores = new ArrayList<>();
    List<Bytes32> leaves = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      subjects.add(Fixtures.random());
      scores.add(Fixtures.random());
      leaves.add(CreditScoreRegistry.scoreLeaf(subjects.get(i), scores.get(i)));
    }
    MerkleTree tree = MerkleTree.of(leaves);
    bureau.creditScores().publishEpoch(1, model, tree.root(), subjects.size());
    assertThat(bureau.creditScores().latestEpoch(me)).isEqualTo(1);
    for (int i = 0; i < subjects.size(); i++) {
      assertThat(bureau.creditScores().isScoreIncluded(me, 1, subjects.get(i), scores.get(i), tree.proof(leaves.get(i)))).isTrue();
    }
    assertThatThrownBy(() -> bureau.creditScores().publishEpoch(1, model, tree.root(), 9))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> assertThat(e.errorName()).isEqualTo("CreditEpochNotIncreasing"));

    bureau.creditScores().revokeEpoch(me, 1, Bytes32.ofText("model-error"));
    CreditScoreRegistry.Epoch epoch = bureau.creditScores().epoch(me, 1).orElseThrow();
    assertThat(epoch.revocationReason().map(Bytes32::toText)).contains("model-error");
    assertThat(bureau.creditScores().isScoreIncluded(me, 1, subjects.get(0), scores.get(0), tree.proof(leaves.get(0)))).isFalse();
    assertThat(bureau.creditScores().epoch(me, 2)).isEmpty();
  }
}
