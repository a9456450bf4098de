package io.zhixin.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.web3j.crypto.Hash;

/**
 * What an attestor states about a pseudonymous subject: under {@code schema}, {@code value} (int16),
 * until {@code expiresAt} (empty = never), committed to the off-chain record by {@code commitment} (a
 * salted hash of the record). The same entry is written alone with
 * {@link AttestationRegistry#attest} or as a leaf of a batch. Immutable.
 *
 * <p>No personal data: {@code subject} is a random pseudonym, never a hash of an ID number, name,
 * phone number or birth date; the record behind {@code commitment} stays with the attestor.
 */
public record AttestationEntry(Bytes32 schema, Bytes32 subject, int value, Optional<Instant> expiresAt, Bytes32 commitment) {
  public AttestationEntry {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(commitment, "commitment");
    if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
      throw new IllegalArgumentException("an attestation value is an int16 (" + Short.MIN_VALUE + ".." + Short.MAX_VALUE + "), got " + value);
    }
    expiresAt.ifPresent(t -> Times.uint32(t, "expiresAt"));
  }

  /** An entry that does not expire. */
  public static AttestationEntry of(Bytes32 schema, Bytes32 subject, int value, Bytes32 commitment) {
    return new AttestationEntry(schema, subject, value, Optional.empty(), commitment);
  }

  /** The same entry expiring at {@code expiresAt}. */
  public AttestationEntry expiringAt(Instant expiresAt) {
    return new AttestationEntry(schema, subject, value, Optional.of(expiresAt), commitment);
  }

  long expiresAtSeconds() {
    return expiresAt.map(Instant::getEpochSecond).orElse(0L);
  }

  /**
   * The entry's Merkle leaf, exactly as the contract's {@code batchLeaf} computes it:
   * {@code keccak256(bytes.concat(keccak256(abi.encode(schema, subject, value, expiresAt, commitment))))}
   * with types bytes32, bytes32, int16, uint32, bytes32.
   */
  public Bytes32 leaf() {
    byte[] encoded = new byte[5 * 32];
    System.arraycopy(schema.toArray(), 0, encoded, 0, 32);
    System.arraycopy(subject.toArray(), 0, encoded, 32, 32);
    word(BigInteger.valueOf(value), encoded, 64); // int16: sign-extended two's complement
    word(BigInteger.valueOf(expiresAtSeconds()), encoded, 96);
    System.arraycopy(commitment.toArray(), 0, encoded, 128, 32);
    return Bytes32.of(Hash.sha3(Hash.sha3(encoded)));
  }

  private static void word(BigInteger v, byte[] out, int offset) {
    byte fill = (byte) (v.signum() < 0 ? 0xff : 0x00);
    java.util.Arrays.fill(out, offset, offset + 32, fill);
    byte[] b = v.toByteArray();
    int len = Math.min(b.length, 32);
    System.arraycopy(b, b.length - len, out, offset + 32 - len, len);
  }
}
