package io.zhixin.chain;

import java.util.List;
import java.util.Objects;

/**
 * Many attestations of one schema anchored as one Merkle root: the entries, their leaves and the tree
 * built off chain with the contract's leaf encoding. Immutable. Keep it (or its entries) to hand each
 * subject its proof.
 */
public final class AttestationBatch {
  private final Bytes32 schema;
  private final List<AttestationEntry> entries;
  private final MerkleTree tree;

  private AttestationBatch(Bytes32 schema, List<AttestationEntry> entries) {
    this.schema = schema;
    this.entries = entries;
    this.tree = MerkleTree.of(entries.stream().map(AttestationEntry::leaf).toList());
  }

  /**
   * A batch of {@code entries}, all under the same schema and distinct.
   *
   * @throws IllegalArgumentException when empty, of mixed schemas, or holding the same entry twice
   */
  public static AttestationBatch of(List<AttestationEntry> entries) {
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a batch needs at least one entry");
    }
    Bytes32 schema = entries.get(0).schema();
    for (AttestationEntry e : entries) {
      if (!Objects.equals(e.schema(), schema)) {
        throw new IllegalArgumentException("a batch holds one schema; found " + schema + " and " + e.schema());
      }
    }
    return new AttestationBatch(schema, List.copyOf(entries));
  }

  public Bytes32 schema() {
    return schema;
  }

  public List<AttestationEntry> entries() {
    return entries;
  }

  public Bytes32 root() {
    return tree.root();
  }

  public int size() {
    return entries.size();
  }

  /** The inclusion proof of {@code entry}. */
  public List<Bytes32> proof(AttestationEntry entry) {
    return tree.proof(entry.leaf());
  }

  public MerkleTree tree() {
    return tree;
  }
}
