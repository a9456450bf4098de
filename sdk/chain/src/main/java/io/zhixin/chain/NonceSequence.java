package io.zhixin.chain;

import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The JVM's one nonce sequence for an account on a chain. Whoever holds {@link #lock} assigns the next
 * nonce, broadcasts, and advances the sequence only when the node accepted the transaction, so no nonce
 * is skipped (no gap that would stall later transactions) and none is used twice.
 */
final class NonceSequence {
  private static final Map<String, NonceSequence> SEQUENCES = new ConcurrentHashMap<>();

  final ReentrantLock lock = new ReentrantLock();
  /** The next nonce to use; null when it must be read from the node first. Guarded by {@link #lock}. */
  private BigInteger next;
  /** Signed transactions by idempotency key, until they are known mined or known dead. */
  final Map<String, ChainTransactionManager.Signed> byKey = new ConcurrentHashMap<>();

  /**
   * The sequence of {@code account} on the chain identified by {@code chain} (chain id and genesis hash:
   * two dev chains share chain id 31337 but not their genesis block).
   */
  static NonceSequence of(String chain, Address account) {
    return SEQUENCES.computeIfAbsent(chain + "/" + account.toHex(), k -> new NonceSequence());
  }

  BigInteger next() {
    return next;
  }

  void set(BigInteger value) {
    next = value;
  }

  /** Forget the local value: the next caller reads the node's pending count. */
  void invalidate() {
    next = null;
  }

  void advance() {
    next = next.add(BigInteger.ONE);
  }
}
