package io.zhixin.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Hash;

/**
 * A Merkle tree over leaf hashes, built as OpenZeppelin's {@code StandardMerkleTree} builds it (leaves
 * sorted, a complete binary tree in an array, inner nodes {@code keccak256} of the sorted pair), so
 * its proofs verify with OpenZeppelin {@code MerkleProof} on chain and its root equals the npm
 * {@code @openzeppelin/merkle-tree} root for the same leaves. Immutable; leaves must be distinct.
 *
 * <p>Leaves are hashes already (for example {@link AttestationEntry#leaf()}, which hashes twice so a
 * leaf cannot pass for an inner node).
 */
public final class MerkleTree {
  private static final Comparator<Bytes32> UNSIGNED = (a, b) -> Arrays.compareUnsigned(a.toArray(), b.toArray());

  private final Bytes32[] tree;
  private final Map<Bytes32, Integer> index = new HashMap<>();

  private MerkleTree(List<Bytes32> leaves) {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
    }
    List<Bytes32> sorted = new ArrayList<>(leaves);
    sorted.sort(UNSIGNED);
    int n = sorted.size();
    tree = new Bytes32[2 * n - 1];
    for (int i = 0; i < n; i++) {
      int position = tree.length - 1 - i;
      tree[position] = sorted.get(i);
      if (index.put(sorted.get(i), position) != null) {
        throw new IllegalArgumentException("duplicate Merkle leaf " + sorted.get(i));
      }
    }
    for (int i = tree.length - 1 - n; i >= 0; i--) {
      tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
    }
  }

  /** The tree over {@code leaves} (in any order). */
  public static MerkleTree of(List<Bytes32> leaves) {
    return new MerkleTree(leaves);
  }

  public Bytes32 root() {
    return tree[0];
  }

  public int size() {
    return index.size();
  }

  public boolean contains(Bytes32 leaf) {
    return index.containsKey(leaf);
  }

  /**
   * The proof of {@code leaf}: sibling hashes from the leaf up to the root.
   *
   * @throws IllegalArgumentException when the leaf is not in the tree
   */
  public List<Bytes32> proof(Bytes32 leaf) {
    Integer position = index.get(leaf);
    if (position == null) {
      throw new IllegalArgumentException("leaf " + leaf + " is not in this tree");
    }
    List<Bytes32> proof = new ArrayList<>();
    int i = position;
    while (i > 0) {
      int sibling = (i % 2 == 1) ? i + 1 : i - 1;
      proof.add(tree[sibling]);
      i = (i - 1) / 2;
    }
    return List.copyOf(proof);
  }

  /** Whether {@code proof} leads from {@code leaf} to {@code root}, as OpenZeppelin {@code MerkleProof.verify} decides. */
  public static boolean verify(List<Bytes32> proof, Bytes32 root, Bytes32 leaf) {
    Bytes32 computed = leaf;
    for (Bytes32 sibling : proof) {
      computed = hashPair(computed, sibling);
    }
    return computed.equals(root);
  }

  static Bytes32 hashPair(Bytes32 a, Bytes32 b) {
    byte[] x = a.toArray();
    byte[] y = b.toArray();
    byte[] both = new byte[64];
    if (Arrays.compareUnsigned(x, y) <= 0) {
      System.arraycopy(x, 0, both, 0, 32);
      System.arraycopy(y, 0, both, 32, 32);
    } else {
      System.arraycopy(y, 0, both, 0, 32);
      System.arraycopy(x, 0, both, 32, 32);
    }
    return Bytes32.of(Hash.sha3(both));
  }
}
