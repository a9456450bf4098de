package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubsidyRegistryIT {
  private static final Bytes32 SUBSIDY = Bytes32.keccak("zhixin:type:ElderlyCareSubsidy");
  private ZhixinChain root;
  private ZhixinChain agency;
  private ZhixinChain office;

  @BeforeAll
  void setUp(DevChain chain) {
    root = Fixtures.deployed(chain);
    root.trustRegistry().accredit(TrustRegistry.Grant.to(Fixtures.account(chain, 9).address()).scopes(SUBSIDY));
    agency = Fixtures.as(chain, 9, root.deployment());
    office = Fixtures.as(chain, 10, root.deployment());
  }

  private Bytes32 open(long budget, long perClaim) {
    Bytes32 programme = Fixtures.random();
    agency.subsidies().openProgramme(SubsidyRegistry.Terms.of(programme, SUBSIDY, budget, perClaim,
        agency.latestBlockTime().plus(Duration.ofDays(30))));
    agency.subsidies().setOffice(programme, office.sender().orElseThrow(), true);
    return programme;
  }

  @Test
  void claim_secondClaimAtAnotherOffice_isAlreadyClaimed() {
    Bytes32 programme = open(10_000, 500);
    Bytes32 nullifier = Fixtures.random();

    SubsidyRegistry.ClaimOutcome first = agency.subsidies().claim(programme, nullifier);
    assertThat(first).isInstanceOfSatisfying(SubsidyRegistry.Claimed.class, c -> {
      assertThat(c.claimNumber()).isEqualTo(1);
      assertThat(c.amount()).isEqualTo(BigInteger.valueOf(500));
    });
    SubsidyRegistry.ClaimOutcome second = office.subsidies().claim(programme, nullifier);
    assertThat(second).isInstanceOfSatisfying(SubsidyRegistry.AlreadyClaimed.class,
        a -> assertThat(a.claimedAt()).isEqualTo(agency.subsidies().claimedAt(programme, nullifier).orElseThrow()));
    assertThat(agency.subsidies().remainingBudget(programme)).isEqualTo(BigInteger.valueOf(9_500));
    assertThat(agency.subsidies().programme(programme).orElseThrow().claims()).isEqualTo(1);
  }

  @Test
  void claim_overBudget_isBudgetExhausted_andAfterClose_isOutsideWindow() {
    Bytes32 programme = open(1_000, 600);
    assertThat(office.subsidies().claim(programme, Fixtures.random())).isInstanceOf(SubsidyRegistry.Claimed.class);
    assertThat(office.subsidies().claim(programme, Fixtures.random()))
        .isInstanceOfSatisfying(SubsidyRegistry.BudgetExhausted.class, b -> assertThat(b.remaining()).isEqualTo(BigInteger.valueOf(400)));
    agency.subsidies().closeProgramme(programme);
    assertThat(office.subsidies().claim(programme, Fixtures.random())).isInstanceOf(SubsidyRegistry.OutsideWindow.class);
  }

  @Test
  void claim_byAStranger_throwsNotOffice(DevChain chain) {
    Bytes32 programme = open(1_000, 100);
    ZhixinChain stranger = Fixtures.as(chain, 11, root.deployment());
    assertThatThrownBy(() -> stranger.subsidies().claim(programme, Fixtures.random()))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> assertThat(e.errorName()).isEqualTo("SubsidyNotOffice"));
    assertThat(stranger.subsidies().programme(Fixtures.random())).isEmpty();
  }
}
