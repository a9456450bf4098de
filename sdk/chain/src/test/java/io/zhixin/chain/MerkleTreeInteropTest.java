package io.zhixin.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The off-chain tree against OpenZeppelin's npm {@code @openzeppelin/merkle-tree} 1.x: the vector below was
 * produced by {@code StandardMerkleTree.of(values, ["bytes32","bytes32","int16","uint32","bytes32"])} in
 * contracts/node_modules (root, leaf hash and proof of value 2). The same leaves are checked against the
 * contract's own {@code batchLeaf} and {@code isInBatch} in {@code AttestationRegistryIT}.
 */
class MerkleTreeInteropTest {
  private static final Bytes32 SCHEMA = Bytes32.fromHex("0x" + "0".repeat(59) + "a11ce");

  private static Bytes32 word(long n) {
    return Bytes32.fromHex(String.format("0x%064x", n));
  }

  private static List<AttestationEntry> vectorEntries() {
    List<AttestationEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      AttestationEntry e = new AttestationEntry(SCHEMA, word(1000 + i), (i % 2 == 1 ? -1 : 1) * i * 1234,
          i == 3 ? Optional.of(Instant.ofEpochSecond(4_000_000_000L)) : Optional.empty(), word(0xc0ffee00L + i));
      entries.add(e);
    }
    return entries;
  }

  @Test
  void root_sameLeavesAsOpenZeppelinStandardMerkleTree_sameRootLeafAndProof() {
    List<AttestationEntry> entries = vectorEntries();
    AttestationBatch batch = AttestationBatch.of(entries);
    assertThat(batch.root()).isEqualTo(Bytes32.fromHex("0xdbc8b002b335ab5f0cd841b58377247cb93c60d29151d5f9c33baea54056a61f"));
    assertThat(entries.get(2).leaf()).isEqualTo(Bytes32.fromHex("0x65ed4234ea2bcdd2db510845884e59a16c86e05f7daedfbf5499987d386048b3"));
    assertThat(batch.proof(entries.get(2))).containsExactly(
        Bytes32.fromHex("0x733bcf9cdd204e8f2520c37c84a84268cd8deb8bbbd1dcc43f99c8bef9f5db7a"),
        Bytes32.fromHex("0xa037f5fc91169458a859b53d603166ac21946c6440335605cf1a013b6684b0d4"),
        Bytes32.fromHex("0x834cb76634cd669ba7bc27589e5da81769303c1590a93c9c8eb45a57ac133cdd"));
  }

  @Test
  void root_entriesInAnotherOrder_sameRoot() {
    List<AttestationEntry> shuffled = new ArrayList<>(vectorEntries());
    Collections.reverse(shuffled);
    assertThat(AttestationBatch.of(shuffled).root()).isEqualTo(AttestationBatch.of(vectorEntries()).root());
  }

  @Test
  void proof_everyLeafOfTreesOfManySizes_verifies() {
    for (int n = 1; n <= 33; n++) {
      List<Bytes32> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leaves.add(Bytes32.keccak("leaf " + n + "/" + i));
      }
      MerkleTree tree = MerkleTree.of(leaves);
      for (Bytes32 leaf : leaves) {
        assertThat(MerkleTree.verify(tree.proof(leaf), tree.root(), leaf)).as("n=%d", n).isTrue();
      }
      assertThat(MerkleTree.verify(tree.proof(leaves.get(0)), tree.root(), Bytes32.keccak("not a leaf"))).isFalse();
    }
  }

  @Test
  void of_duplicateOrMissingLeaves_throws() {
    Bytes32 leaf = Bytes32.keccak("x");
    assertThatThrownBy(() -> MerkleTree.of(List.of(leaf, leaf))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
    assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MerkleTree.of(List.of(leaf)).proof(Bytes32.keccak("y"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void entry_valueOutsideInt16OrMixedSchemas_throws() {
    assertThatThrownBy(() -> AttestationEntry.of(SCHEMA, word(1), 40_000, word(2))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("int16");
    AttestationEntry a = AttestationEntry.of(SCHEMA, word(1), 1, word(2));
    AttestationEntry b = AttestationEntry.of(word(9), word(1), 1, word(2));
    assertThatThrownBy(() -> AttestationBatch.of(List.of(a, b))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one schema");
  }
}
