package io.zhixin.chain;

import io.zhixin.chain.internal.contracts.AttestationRegistry.AttestedEventResponse;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The attestation registry: schemas, single attestations about pseudonymous subjects, batches anchored
 * as Merkle roots, revocation.
 *
 * <pre>{@code
 * AttestationRegistry registry = chain.attestations();
 * Attested a = registry.attest(AttestationEntry.of(TAX_SCHEMA, subject, 36, commitment));
 * AnchoredBatch b = registry.anchorBatch(AttestationBatch.of(entries));
 * boolean counts = registry.verifyBatchEntry(b.batchId(), entry, b.batch().proof(entry));
 * }</pre>
 *
 * <p><b>A retried attestation is never written twice.</b> {@link #attest} derives an idempotency key
 * from the attester and the entry (the commitment makes it unique per off-chain record). A call with a
 * key whose transaction is still pending in this JVM resumes that transaction (same signed bytes); and
 * before anything new is signed, the chain is searched for an {@code Attested} event with the same
 * attester, schema, subject, value, expiry and commitment, which is returned instead.
 *
 * <p>Thread-safe.
 */
public final class AttestationRegistry extends ContractClient {
  /** A registered schema. */
  public record Schema(Bytes32 id, Bytes32 dimension, String valueMeaning, boolean revocable, int index, Instant registeredAt) {}

  /** A single attestation as stored. */
  public record Attestation(Bytes32 id, Bytes32 schema, Address attester, int value, Instant issuedAt,
      Optional<Instant> expiresAt, Optional<Instant> revokedAt) {}

  /**
   * The outcome of {@link #attest}: the attestation's id, and whether it had already been written (then
   * {@code blockNumber} and {@code transactionHash} are those of the earlier write, or 0 and null in the
   * rare case that the contract reported the duplicate before its event could be found).
   */
  public record Attested(Bytes32 id, long blockNumber, String transactionHash, boolean alreadyWritten) {}

  /** An {@code Attested} event: everything a credit engine indexes about one single attestation. */
  public record AttestedEvent(Bytes32 id, Bytes32 schema, Bytes32 subject, Address attester, int value, Optional<Instant> expiresAt,
      Bytes32 commitment, long blockNumber, String transactionHash) {}

  /** An anchored batch as stored. */
  public record Batch(Bytes32 id, Bytes32 schema, Bytes32 root, Address attester, long size, Instant anchoredAt,
      Optional<Instant> revokedAt) {}

  /** An {@code AttestationRevoked} event: attestation {@code id} stopped counting at its block's time. */
  public record RevokedEvent(Bytes32 id, Address attester, long blockNumber, String transactionHash) {}

  /** A {@code BatchAnchored} event: the batch's entries themselves stay off chain, with their attester. */
  public record BatchAnchoredEvent(Bytes32 batchId, Bytes32 schema, Address attester, Bytes32 root, long size, long blockNumber,
      String transactionHash) {}

  /** A {@code BatchRevoked} event: every entry of the batch stopped counting at its block's time. */
  public record BatchRevokedEvent(Bytes32 batchId, Address attester, long blockNumber, String transactionHash) {}

  /** A {@code BatchEntryRevoked} event: the entry with leaf {@code leaf} stopped counting at its block's time. */
  public record BatchEntryRevokedEvent(Bytes32 batchId, Bytes32 leaf, Address attester, long blockNumber, String transactionHash) {}

  /** The outcome of {@link #anchorBatch}. */
  public record AnchoredBatch(Bytes32 batchId, AttestationBatch batch, Receipt receipt) {}

  private static final String ATTESTED_TOPIC = EventEncoder.encode(io.zhixin.chain.internal.contracts.AttestationRegistry.ATTESTED_EVENT);

  private final io.zhixin.chain.internal.contracts.AttestationRegistry contract;

  private AttestationRegistry(ZhixinChain chain, Address address) {
    super(chain, address);
    this.contract = io.zhixin.chain.internal.contracts.AttestationRegistry.load(address.toHex(), chain.rpc().web3j(), encoder(chain), gas());
  }

  public static AttestationRegistry at(ZhixinChain chain, Address address) {
    return new AttestationRegistry(chain, address);
  }

  /** Registers a schema; only the trust registry's root authority may. */
  public Receipt registerSchema(Bytes32 schema, Bytes32 dimension, String valueMeaning, boolean revocable) {
    return send("register schema " + schema, contract.registerSchema(schema.toArray(), dimension.toArray(), valueMeaning, revocable));
  }

  public Optional<Schema> schema(Bytes32 id) {
    try {
      var s = (io.zhixin.chain.internal.contracts.AttestationRegistry.Schema) call("read schema " + id, contract.getSchema(id.toArray())).get(0);
      return Optional.of(new Schema(Bytes32.of(s.id), Bytes32.of(s.dimension), s.valueMeaning, s.revocable, s.index.intValueExact(),
          Times.instant(s.registeredAt)));
    } catch (ContractRevertException e) {
      if (e.errorName().equals("AttestationUnknownSchema")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * Writes {@code entry} as a single attestation from the sender, unless the same attestation was
   * already written (then {@link Attested#alreadyWritten()} is true and nothing is sent).
   *
   * @throws ContractRevertException e.g. {@code AttestationAttesterNotAccredited}, {@code AttestationUnknownSchema}
   * @throws TransactionPendingException when the outcome is unknown; calling again is safe
   */
  public Attested attest(AttestationEntry entry) {
    Address attester = chain.transactions().address();
    String key = idempotencyKey(attester, entry).toHex();
    if (!chain.transactions().hasPending(key)) {
      Optional<Attested> existing = findWritten(attester, entry);
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    Receipt receipt;
    try {
      receipt = send("attest " + entry.schema() + " about " + entry.subject(), contract.attest(entry.schema().toArray(),
          entry.subject().toArray(), BigInteger.valueOf(entry.value()), BigInteger.valueOf(entry.expiresAtSeconds()),
          entry.commitment().toArray()), key);
    } catch (ContractRevertException e) {
      if (!e.errorName().equals("AttestationDuplicate")) {
        throw e;
      }
      // The contract's own guard: the subject's latest attestation is this one (e.g. written by another
      // process whose receipt was lost, and not yet visible to our log search).
      Bytes32 id = e.argument("id", Bytes32.class);
      return findWritten(attester, entry).orElse(new Attested(id, 0, null, true));
    }
    AttestedEventResponse event = io.zhixin.chain.internal.contracts.AttestationRegistry.getAttestedEvents(receipt.raw()).get(0);
    return new Attested(Bytes32.of(event.id), receipt.blockNumber(), receipt.transactionHash(), false);
  }

  /** The idempotency key of {@code entry} written by {@code attester}: {@code keccak256(abi.encode(attester, leaf))}. */
  public static Bytes32 idempotencyKey(Address attester, AttestationEntry entry) {
    byte[] encoded = new byte[64];
    byte[] a = org.web3j.utils.Numeric.hexStringToByteArray(attester.toHex());
    System.arraycopy(a, 0, encoded, 12, 20);
    System.arraycopy(entry.leaf().toArray(), 0, encoded, 32, 32);
    return Bytes32.of(Hash.sha3(encoded));
  }

  /** An {@code Attested} event for exactly this entry by {@code attester}, if one was mined. */
  public Optional<Attested> findWritten(Address attester, AttestationEntry entry) {
    long from = fromBlock();
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)), DefaultBlockParameterName.LATEST, address.toHex());
    filter.addSingleTopic(ATTESTED_TOPIC);
    filter.addNullTopic();
    filter.addSingleTopic(entry.schema().toHex());
    filter.addSingleTopic(entry.subject().toHex());
    for (Log log : chain.rpc().logs("search attestations about " + entry.subject(), filter)) {
      AttestedEventResponse e = io.zhixin.chain.internal.contracts.AttestationRegistry.getAttestedEventFromLog(log);
      if (Address.parse(e.attester).equals(attester) && e.value.intValueExact() == entry.value()
          && e.expiresAt.longValueExact() == entry.expiresAtSeconds() && Arrays.equals(e.commitment, entry.commitment().toArray())) {
        return Optional.of(new Attested(Bytes32.of(e.id), log.getBlockNumber().longValueExact(), log.getTransactionHash(), true));
      }
    }
    return Optional.empty();
  }

  /**
   * Every single attestation written in blocks {@code fromBlock}..{@code toBlock} (inclusive), in chain
   * order; optionally only those of {@code schema} (null for all). For indexers such as the credit engine.
   */
  public List<AttestedEvent> attestedBetween(long fromBlock, long toBlock, Bytes32 schema) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address.toHex());
    filter.addSingleTopic(ATTESTED_TOPIC);
    if (schema != null) {
      filter.addNullTopic();
      filter.addSingleTopic(schema.toHex());
    }
    List<AttestedEvent> events = new ArrayList<>();
    for (Log log : chain.rpc().logs("list attestations in blocks " + fromBlock + ".." + toBlock, filter)) {
      AttestedEventResponse e = io.zhixin.chain.internal.contracts.AttestationRegistry.getAttestedEventFromLog(log);
      events.add(new AttestedEvent(Bytes32.of(e.id), Bytes32.of(e.schema), Bytes32.of(e.subject), Address.parse(e.attester),
          e.value.intValueExact(), Times.optional(e.expiresAt), Bytes32.of(e.commitment), log.getBlockNumber().longValueExact(),
          log.getTransactionHash()));
    }
    return List.copyOf(events);
  }

  /** Every {@code AttestationRevoked} event in blocks {@code fromBlock}..{@code toBlock} (inclusive), in chain order. */
  public List<RevokedEvent> revokedBetween(long fromBlock, long toBlock) {
    List<RevokedEvent> out = new ArrayList<>();
    for (Log log : logsBetween(fromBlock, toBlock, io.zhixin.chain.internal.contracts.AttestationRegistry.ATTESTATIONREVOKED_EVENT, "revocations")) {
      var e = io.zhixin.chain.internal.contracts.AttestationRegistry.getAttestationRevokedEventFromLog(log);
      out.add(new RevokedEvent(Bytes32.of(e.id), Address.parse(e.attester), log.getBlockNumber().longValueExact(), log.getTransactionHash()));
    }
    return List.copyOf(out);
  }

  /** Every {@code BatchAnchored} event in blocks {@code fromBlock}..{@code toBlock} (inclusive), in chain order. */
  public List<BatchAnchoredEvent> batchesAnchoredBetween(long fromBlock, long toBlock) {
    List<BatchAnchoredEvent> out = new ArrayList<>();
    for (Log log : logsBetween(fromBlock, toBlock, io.zhixin.chain.internal.contracts.AttestationRegistry.BATCHANCHORED_EVENT, "anchored batches")) {
      var e = io.zhixin.chain.internal.contracts.AttestationRegistry.getBatchAnchoredEventFromLog(log);
      out.add(new BatchAnchoredEvent(Bytes32.of(e.batchId), Bytes32.of(e.schema), Address.parse(e.attester), Bytes32.of(e.root),
          e.size.longValueExact(), log.getBlockNumber().longValueExact(), log.getTransactionHash()));
    }
    return List.copyOf(out);
  }

  /** Every {@code BatchRevoked} event in blocks {@code fromBlock}..{@code toBlock} (inclusive), in chain order. */
  public List<BatchRevokedEvent> batchesRevokedBetween(long fromBlock, long toBlock) {
    List<BatchRevokedEvent> out = new ArrayList<>();
    for (Log log : logsBetween(fromBlock, toBlock, io.zhixin.chain.internal.contracts.AttestationRegistry.BATCHREVOKED_EVENT, "batch revocations")) {
      var e = io.zhixin.chain.internal.contracts.AttestationRegistry.getBatchRevokedEventFromLog(log);
      out.add(new BatchRevokedEvent(Bytes32.of(e.batchId), Address.parse(e.attester), log.getBlockNumber().longValueExact(),
          log.getTransactionHash()));
    }
    return List.copyOf(out);
  }

  /** Every {@code BatchEntryRevoked} event in blocks {@code fromBlock}..{@code toBlock} (inclusive), in chain order. */
  public List<BatchEntryRevokedEvent> batchEntriesRevokedBetween(long fromBlock, long toBlock) {
    List<BatchEntryRevokedEvent> out = new ArrayList<>();
    for (Log log : logsBetween(fromBlock, toBlock, io.zhixin.chain.internal.contracts.AttestationRegistry.BATCHENTRYREVOKED_EVENT,
        "batch entry revocations")) {
      var e = io.zhixin.chain.internal.contracts.AttestationRegistry.getBatchEntryRevokedEventFromLog(log);
      out.add(new BatchEntryRevokedEvent(Bytes32.of(e.batchId), Bytes32.of(e.leaf), Address.parse(e.attester),
          log.getBlockNumber().longValueExact(), log.getTransactionHash()));
    }
    return List.copyOf(out);
  }

  private List<Log> logsBetween(long fromBlock, long toBlock, org.web3j.abi.datatypes.Event event, String what) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(toBlock)), address.toHex());
    filter.addSingleTopic(EventEncoder.encode(event));
    return chain.rpc().logs("list " + what + " in blocks " + fromBlock + ".." + toBlock, filter);
  }

  private long fromBlock() {
    try {
      return chain.deployment().contracts().get(ChainContract.ATTESTATION_REGISTRY).address().equals(address)
          ? chain.deployment().contracts().get(ChainContract.ATTESTATION_REGISTRY).block() : 0;
    } catch (IllegalStateException noDeployment) {
      return 0;
    }
  }

  /** Attestation {@code id}, if it exists. */
  public Optional<Attestation> attestation(Bytes32 id) {
    try {
      var a = (io.zhixin.chain.internal.contracts.AttestationRegistry.Attestation) call("read attestation " + id,
          contract.getAttestation(id.toArray())).get(0);
      return Optional.of(new Attestation(id, Bytes32.of(a.schema), Address.parse(a.attester), a.value.intValueExact(),
          Times.instant(a.issuedAt), Times.optional(a.expiresAt), Times.optional(a.revokedAt)));
    } catch (ContractRevertException e) {
      if (e.errorName().equals("AttestationUnknown")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether attestation {@code id} exists and counts now (not revoked, not expired). */
  public boolean isValid(Bytes32 id) {
    return callValue("check attestation " + id, contract.isValid(id.toArray()));
  }

  /** How many single attestations were written about {@code subject}. */
  public long attestationCount(Bytes32 subject) {
    return this.<BigInteger>callValue("count attestations about " + subject, contract.attestationCountOf(subject.toArray())).longValueExact();
  }

  /** The ids of every single attestation about {@code subject}, oldest first. */
  public List<Bytes32> attestationsOf(Bytes32 subject) {
    List<Bytes32> ids = new ArrayList<>();
    long count = attestationCount(subject);
    for (long offset = 0; offset < count; offset += 200) {
      List<Type> page = call("list attestations about " + subject,
          contract.attestationsOf(subject.toArray(), BigInteger.valueOf(offset), BigInteger.valueOf(200)));
      for (Object t : ((DynamicArray<?>) page.get(0)).getValue()) {
        ids.add(Bytes32.of((byte[]) ((Type<?>) t).getValue()));
      }
    }
    return ids;
  }

  /** Revokes attestation {@code id}; only its attester may, under a revocable schema. */
  public Receipt revoke(Bytes32 id) {
    return send("revoke attestation " + id, contract.revoke(id.toArray()));
  }

  /**
   * Anchors {@code batch} as one Merkle root.
   *
   * @throws ContractRevertException e.g. {@code AttestationBatchExists}, {@code AttestationAttesterNotAccredited}
   */
  public AnchoredBatch anchorBatch(AttestationBatch batch) {
    Address attester = chain.transactions().address();
    Receipt receipt = send("anchor a batch of " + batch.size() + " " + batch.schema() + " attestations",
        contract.anchorBatch(batch.schema().toArray(), batch.root().toArray(), BigInteger.valueOf(batch.size())),
        "batch:" + batchId(attester, batch.root()).toHex());
    return new AnchoredBatch(batchId(attester, batch.root()), batch, receipt);
  }

  /** The id the contract gives a batch: {@code keccak256(abi.encode(attester, root))}. */
  public static Bytes32 batchId(Address attester, Bytes32 root) {
    byte[] encoded = new byte[64];
    System.arraycopy(org.web3j.utils.Numeric.hexStringToByteArray(attester.toHex()), 0, encoded, 12, 20);
    System.arraycopy(root.toArray(), 0, encoded, 32, 32);
    return Bytes32.of(Hash.sha3(encoded));
  }

  /** Batch {@code batchId}, if anchored. */
  public Optional<Batch> batch(Bytes32 batchId) {
    try {
      var b = (io.zhixin.chain.internal.contracts.AttestationRegistry.Batch) call("read batch " + batchId, contract.getBatch(batchId.toArray())).get(0);
      return Optional.of(new Batch(batchId, Bytes32.of(b.schema), Bytes32.of(b.root), Address.parse(b.attester), b.size.longValueExact(),
          Times.instant(b.anchoredAt), Times.optional(b.revokedAt)));
    } catch (ContractRevertException e) {
      if (e.errorName().equals("AttestationUnknownBatch")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Merkle inclusion only, checked by the contract. */
  public boolean isInBatch(Bytes32 batchId, AttestationEntry entry, List<Bytes32> proof) {
    return callValue("check inclusion in batch " + batchId, contract.isInBatch(batchId.toArray(), entry.subject().toArray(),
        BigInteger.valueOf(entry.value()), BigInteger.valueOf(entry.expiresAtSeconds()), entry.commitment().toArray(), bytes(proof)));
  }

  /** Inclusion, and the entry counts now: batch and entry not revoked, entry not expired. */
  public boolean verifyBatchEntry(Bytes32 batchId, AttestationEntry entry, List<Bytes32> proof) {
    return callValue("verify entry of batch " + batchId, contract.verifyBatchEntry(batchId.toArray(), entry.subject().toArray(),
        BigInteger.valueOf(entry.value()), BigInteger.valueOf(entry.expiresAtSeconds()), entry.commitment().toArray(), bytes(proof)));
  }

  /** The leaf as the contract computes it (a view; for checking the off-chain encoding). */
  public Bytes32 batchLeafOnChain(AttestationEntry entry) {
    return Bytes32.of(this.<byte[]>callValue("compute a batch leaf", contract.batchLeaf(entry.schema().toArray(), entry.subject().toArray(),
        BigInteger.valueOf(entry.value()), BigInteger.valueOf(entry.expiresAtSeconds()), entry.commitment().toArray())));
  }

  public Receipt revokeBatch(Bytes32 batchId) {
    return send("revoke batch " + batchId, contract.revokeBatch(batchId.toArray()));
  }

  public Receipt revokeBatchEntry(Bytes32 batchId, AttestationEntry entry) {
    return send("revoke an entry of batch " + batchId, contract.revokeBatchEntry(batchId.toArray(), entry.leaf().toArray()));
  }

  private static List<byte[]> bytes(List<Bytes32> proof) {
    return proof.stream().map(Bytes32::toArray).toList();
  }
}
