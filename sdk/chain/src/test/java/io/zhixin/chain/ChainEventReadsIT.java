package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event reads indexers use: revocations, batches, accreditation changes, block times. */
@WithDevChain
class ChainEventReadsIT {
  @Test
  void eventReads_returnEveryKindInChainOrder(DevChain chain) {
    ZhixinChain root = Fixtures.deployed(chain);
    long from = root.blockNumber() + 1;
    Bytes32 schema = Bytes32.keccak("zhixin:schema:event-reads");
    root.attestations().registerSchema(schema, Bytes32.keccak("credit_history"), "1 = yes", true);
    Address attester = Fixtures.account(chain, 7).address();
    long acc = root.trustRegistry().accredit(TrustRegistry.Grant.to(attester).scopes(schema));
    ZhixinChain as = Fixtures.as(chain, 7, root.deployment());
    AttestationRegistry.Attested single = as.attestations().attest(AttestationEntry.of(schema, Fixtures.random(), 1, Fixtures.random()));
    Receipt revoked = as.attestations().revoke(single.id());
    List<AttestationEntry> entries = List.of(AttestationEntry.of(schema, Fixtures.random(), 1, Fixtures.random()),
        AttestationEntry.of(schema, Fixtures.random(), 1, Fixtures.random()));
    AttestationRegistry.AnchoredBatch batch = as.attestations().anchorBatch(AttestationBatch.of(entries));
    as.attestations().revokeBatchEntry(batch.batchId(), entries.get(1));
    as.attestations().revokeBatch(batch.batchId());
    root.trustRegistry().suspend(acc);
    root.trustRegistry().reinstate(acc);
    root.trustRegistry().revoke(acc);
    long to = root.blockNumber();

    AttestationRegistry reads = root.attestations();
    assertThat(reads.revokedBetween(from, to)).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(single.id());
      assertThat(e.attester()).isEqualTo(attester);
      assertThat(e.blockNumber()).isEqualTo(revoked.blockNumber());
    });
    assertThat(reads.batchesAnchoredBetween(from, to)).singleElement().satisfies(e -> {
      assertThat(e.batchId()).isEqualTo(batch.batchId());
      assertThat(e.root()).isEqualTo(batch.batch().root());
      assertThat(e.schema()).isEqualTo(schema);
      assertThat(e.size()).isEqualTo(2);
    });
    assertThat(reads.batchEntriesRevokedBetween(from, to)).singleElement()
        .satisfies(e -> assertThat(e.leaf()).isEqualTo(entries.get(1).leaf()));
    assertThat(reads.batchesRevokedBetween(from, to)).singleElement()
        .satisfies(e -> assertThat(e.batchId()).isEqualTo(batch.batchId()));
    assertThat(reads.revokedBetween(to + 1, to + 1)).isEmpty();

    List<TrustRegistry.Change> changes = root.trustRegistry().changesBetween(from, to);
    assertThat(changes).extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Granted", "Suspended", "Reinstated", "Revoked");
    TrustRegistry.Granted granted = (TrustRegistry.Granted) changes.get(0);
    assertThat(granted.id()).isEqualTo(acc);
    assertThat(granted.issuer()).isEqualTo(attester);
    assertThat(granted.scopes()).containsExactly(schema);
    assertThat(granted.validUntil()).isEmpty();
    // effective from the second after each block
    TrustRegistry.Revoked r = (TrustRegistry.Revoked) changes.get(3);
    assertThat(r.effectiveFrom()).isEqualTo(root.blockTime(r.blockNumber()).plusSeconds(1));

    assertThat(root.blockTime(to)).isEqualTo(root.latestBlockTime());
    assertThatThrownBy(() -> root.blockTime(to + 1000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
  }
}
