package io.zhixin.credentials.internal;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Random bytes for salts and decoys, drawn from a {@link SecureRandom} 4 KiB at a time. A call to the JDK's DRBG
 * costs about as much as hashing out the bytes of ten salts, so a credential's salts cost half as much drawn from
 * a pool. Holding future output in memory weakens nothing: the DRBG's own state, also in memory, determines all of
 * it anyway. Bytes are zeroed once handed out. Thread-safe.
 */
public final class SaltSource {
  private static final int POOL_BYTES = 4096;

  private final SecureRandom random;
  private final byte[] pool = new byte[POOL_BYTES];
  private int next = POOL_BYTES;

  public SaltSource(SecureRandom random) {
    this.random = random;
  }

  /** Fills {@code out} with random bytes. */
  public synchronized void nextBytes(byte[] out) {
    if (out.length > POOL_BYTES) {
      random.nextBytes(out);
      return;
    }
    if (POOL_BYTES - next < out.length) {
      random.nextBytes(pool);
      next = 0;
    }
    System.arraycopy(pool, next, out, 0, out.length);
    Arrays.fill(pool, next, next + out.length, (byte) 0);
    next += out.length;
  }

  /** A uniform random int in {@code [0, bound)}. */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }
}
