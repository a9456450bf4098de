package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@WithDevChain
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttestationRegistryIT {
  private static final Bytes32 TAX = Bytes32.keccak("zhixin:schema:tax-compliance");
  private static final Bytes32 UTILITY = Bytes32.keccak("zhixin:schema:utility-payments");
  private ZhixinChain root;
  private ZhixinChain taxBureau;

  @BeforeAll
  void setUp(DevChain chain) {
    root = Fixtures.deployed(chain);
    root.attestations().registerSchema(TAX, Bytes32.ofText("compliance"), "months of on-time tax payment, 0-120", true);
    root.attestations().registerSchema(UTILITY, Bytes32.ofText("credit-history"), "months paid on time", false);
    Address bureau = Fixtures.account(chain, 7).address();
    root.trustRegistry().accredit(TrustRegistry.Grant.to(bureau).scopes(TAX, UTILITY));
    taxBureau = Fixtures.as(chain, 7, root.deployment());
  }

  @Test
  void attest_readsBackByIdAndSubject_andRevokes() {
    Bytes32 subject = Fixtures.random();
    AttestationEntry entry = AttestationEntry.of(TAX, subject, 36, Fixtures.random());
    AttestationRegistry.Attested attested = taxBureau.attestations().attest(entry);
    assertThat(attested.alreadyWritten()).isFalse();

    AttestationRegistry.Attestation a = taxBureau.attestations().attestation(attested.id()).orElseThrow();
    assertThat(a.schema()).isEqualTo(TAX);
    assertThat(a.value()).isEqualTo(36);
    assertThat(a.attester()).isEqualTo(taxBureau.sender().orElseThrow());
    assertThat(a.expiresAt()).isEmpty();
    assertThat(taxBureau.attestations().attestationsOf(subject)).containsExactly(attested.id());
    assertThat(taxBureau.attestations().isValid(attested.id())).isTrue();
    assertThat(taxBureau.attestations().schema(TAX).orElseThrow().valueMeaning()).startsWith("months");

    taxBureau.attestations().revoke(attested.id());
    assertThat(taxBureau.attestations().isValid(attested.id())).isFalse();
    assertThat(taxBureau.attestations().attestation(Fixtures.random())).isEmpty();
  }

  @Test
  void attest_sameEntryTwice_writesOnce() {
    Bytes32 subject = Fixtures.random();
    AttestationEntry entry = AttestationEntry.of(TAX, subject, -5, Fixtures.random());
    AttestationRegistry.Attested first = taxBureau.attestations().attest(entry);
    AttestationRegistry.Attested again = taxBureau.attestations().attest(entry);
    assertThat(again.alreadyWritten()).isTrue();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(taxBureau.attestations().attestationCount(subject)).isEqualTo(1);
    // A different record (commitment) about the same subject is a new attestation.
    taxBureau.attestations().attest(AttestationEntry.of(TAX, subject, -5, Fixtures.random()));
    assertThat(taxBureau.attestations().attestationCount(subject)).isEqualTo(2);
  }

  @Test
  void attest_resubmittedBelowTheClient_contractRefusesWithAttestationDuplicate() {
    AttestationEntry entry = AttestationEntry.of(TAX, Fixtures.random(), 3, Fixtures.random());
    Bytes32 id = taxBureau.attestations().attest(entry).id();
    // Bypass the client's own check: the contract's guard still refuses, naming the existing id.
    String data = io.zhixin.chain.internal.contracts.AttestationRegistry.load(taxBureau.deployment().address(ChainContract.ATTESTATION_REGISTRY).toHex(),
            taxBureau.rpc().web3j(), ContractClient.encoder(taxBureau), ContractClient.gas())
        .attest(TAX.toArray(), entry.subject().toArray(), java.math.BigInteger.valueOf(3), java.math.BigInteger.ZERO, entry.commitment().toArray())
        .encodeFunctionCall();
    assertThatThrownBy(() -> taxBureau.transactions().send("attest again", taxBureau.deployment().address(ChainContract.ATTESTATION_REGISTRY), data, null))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("AttestationDuplicate");
          assertThat(e.argument("id", Bytes32.class)).isEqualTo(id);
        });
  }

  @Test
  void attest_unaccreditedAttester_throwsDecodedError(DevChain chain) {
    ZhixinChain stranger = Fixtures.as(chain, 8, root.deployment());
    assertThatThrownBy(() -> stranger.attestations().attest(AttestationEntry.of(TAX, Fixtures.random(), 1, Fixtures.random())))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> {
          assertThat(e.errorName()).isEqualTo("AttestationAttesterNotAccredited");
          assertThat(e.argument("schema", Bytes32.class)).isEqualTo(TAX);
        });
  }

  @Test
  void anchorBatch_offChainTreeAndLeaves_matchTheContractsInclusionCheck() {
    List<AttestationEntry> entries = new ArrayList<>();
    for (int i = 0; i < 37; i++) {
      AttestationEntry e = AttestationEntry.of(TAX, Fixtures.random(), i * 997 - 15000, Fixtures.random());
      entries.add(i % 3 == 0 ? e.expiringAt(java.time.Instant.ofEpochSecond(4_000_000_000L)) : e);
    }
    AttestationBatch batch = AttestationBatch.of(entries);
    AttestationRegistry registry = taxBureau.attestations();
    AttestationRegistry.AnchoredBatch anchored = registry.anchorBatch(batch);

    assertThat(registry.batch(anchored.batchId()).orElseThrow().root()).isEqualTo(batch.root());
    for (AttestationEntry e : entries) {
      assertThat(registry.batchLeafOnChain(e)).isEqualTo(e.leaf());
      assertThat(registry.verifyBatchEntry(anchored.batchId(), e, batch.proof(e))).isTrue();
    }
    // A tampered value is not in the batch.
    AttestationEntry first = entries.get(1);
    AttestationEntry forged = AttestationEntry.of(TAX, first.subject(), first.value() + 1, first.commitment());
    assertThat(registry.isInBatch(anchored.batchId(), forged, batch.proof(first))).isFalse();

    registry.revokeBatchEntry(anchored.batchId(), first);
    assertThat(registry.verifyBatchEntry(anchored.batchId(), first, batch.proof(first))).isFalse();
    assertThat(registry.isInBatch(anchored.batchId(), first, batch.proof(first))).isTrue();
  }

  @Test
  void anchorBatch_singleEntry_hasEmptyProofThatVerifies() {
    AttestationEntry only = AttestationEntry.of(UTILITY, Fixtures.random(), 12, Fixtures.random());
    AttestationBatch batch = AttestationBatch.of(List.of(only));
    AttestationRegistry.AnchoredBatch anchored = taxBureau.attestations().anchorBatch(batch);
    assertThat(batch.proof(only)).isEmpty();
    assertThat(taxBureau.attestations().verifyBatchEntry(anchored.batchId(), only, List.of())).isTrue();
    assertThatThrownBy(() -> taxBureau.attestations().revokeBatch(anchored.batchId()))
        .isInstanceOfSatisfying(ContractRevertException.class, e -> assertThat(e.errorName()).isEqualTo("AttestationNotRevocable"));
  }
}
