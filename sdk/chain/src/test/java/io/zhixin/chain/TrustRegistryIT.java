package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustRegistryIT {
  private static final Bytes32 ID_CARD = Bytes32.keccak("zhixin:type:ResidentIdentity");
  private static final Bytes32 TAX = Bytes32.keccak("zhixin:schema:tax-compliance");
  private ZhixinChain root;

  @BeforeAll
  void deploy(DevChain chain) {
    root = Fixtures.deployed(chain);
  }

  @Test
  void accredit_chainOfGrants_answersForNowAndThePast(DevChain chain) {
    TrustRegistry trust = root.trustRegistry();
    Address department = Fixtures.account(chain, 1).address();
    Address office = Fixtures.account(chain, 2).address();
    assertThat(trust.rootAuthority()).isEqualTo(root.sender().orElseThrow());

    long dept = trust.accredit(TrustRegistry.Grant.to(department).scopes(ID_CARD, TAX).canAccredit(true));
    ZhixinChain asDepartment = Fixtures.as(chain, 1, root.deployment());
    long officeId = asDepartment.trustRegistry().accredit(TrustRegistry.Grant.to(office).scopes(ID_CARD).under(dept));

    Instant now = root.latestBlockTime();
    assertThat(trust.isAccredited(office, ID_CARD, now)).isTrue();
    assertThat(trust.isAccredited(office, TAX, now)).isFalse();
    assertThat(trust.accreditationAt(office, ID_CARD, now)).hasValue(officeId);
    TrustRegistry.Accreditation a = trust.accreditation(officeId).orElseThrow();
    assertThat(a.issuer()).isEqualTo(office);
    assertThat(a.parent()).isEqualTo(dept);
    assertThat(a.depth()).isEqualTo(2);
    assertThat(a.scopes()).containsExactly(ID_CARD);
    assertThat(a.validUntil()).isEmpty();
    assertThat(trust.accreditationsOf(office)).containsExactly(officeId);

    trust.suspend(dept);
    Instant suspendedFrom = root.latestBlockTime().plusSeconds(1);
    assertThat(trust.accreditation(dept).orElseThrow().suspended()).isTrue();
    assertThat(trust.isAccredited(office, ID_CARD, suspendedFrom)).isFalse(); // the parent's suspension covers it
    assertThat(trust.isAccredited(office, ID_CARD, now)).isTrue(); // the past does not change
    trust.reinstate(dept);
    trust.revoke(officeId);
    assertThat(trust.accreditation(officeId).orElseThrow().revokedAt()).isPresent();
    assertThat(trust.isAccredited(office, ID_CARD, now)).isTrue();
    assertThat(trust.accreditation(999)).isEmpty();
  }

  @Test
  void accredit_scopeTheGrantorDoesNotHold_throwsScopeNotHeld(DevChain chain) {
    Address department = Fixtures.account(chain, 3).address();
    long dept = root.trustRegistry().accredit(TrustRegistry.Grant.to(department).scopes(ID_CARD).canAccredit(true));
    ZhixinChain asDepartment = Fixtures.as(chain, 3, root.deployment());
    assertThatThrownBy(() -> asDepartment.trustRegistry().accredit(
            TrustRegistry.Grant.to(Fixtures.account(chain, 4).address()).scopes(TAX).under(dept)))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("TrustRegistryScopeNotHeld");
          assertThat(e.argument("scope", Bytes32.class)).isEqualTo(TAX);
        });
  }

  @Test
  void accredit_byNonRoot_throwsNotGrantor(DevChain chain) {
    ZhixinChain stranger = Fixtures.as(chain, 4, root.deployment());
    assertThatThrownBy(() -> stranger.trustRegistry().accredit(TrustRegistry.Grant.to(stranger.sender().orElseThrow()).scopes(TAX)))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("TrustRegistryNotGrantor");
          assertThat(e.argument("account", Address.class)).isEqualTo(stranger.sender().orElseThrow());
        });
  }
}
