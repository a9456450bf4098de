package io.zhixin.credentials.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SaltSourceTest {

  /** A SHA1PRNG seeded before first use repeats its stream: a reference for what the pool hands out. */
  private static SecureRandom seeded() throws Exception {
    SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
    r.setSeed(9901);
    return r;
  }

  @Test
  void nextBytes_handsOutTheSourceStreamInOrder_acrossRefills() throws Exception {
    SaltSource salts = new SaltSource(seeded());
    ByteArrayOutputStream pooled = new ByteArrayOutputStream();
    for (int i = 0; i < 100; i++) { // 100 × 180 bytes: four refills of the 4 KiB pool
      byte[] b = new byte[180];
      salts.nextBytes(b);
      pooled.write(b);
    }
    byte[] direct = new byte[4096 * 5];
    seeded().nextBytes(direct);
    byte[] got = pooled.toByteArray();
    // Each refill starts a fresh 4 KiB draw: the bytes are the stream's, except for the pool tails left unused.
    int at = 0;
    int consumed = 0;
    for (int i = 0; i < 100; i++) {
      if (4096 - (at % 4096) < 180) {
        at += 4096 - at % 4096;
      }
      for (int j = 0; j < 180; j++) {
        assertThat(got[consumed + j]).as("byte %d of draw %d", j, i).isEqualTo(direct[at + j]);
      }
      at += 180;
      consumed += 180;
    }
  }

  @Test
  void nextBytes_largerThanThePool_drawnDirectly() throws Exception {
    SaltSource salts = new SaltSource(seeded());
    byte[] big = new byte[5000];
    salts.nextBytes(big);
    byte[] direct = new byte[5000];
    seeded().nextBytes(direct);
    assertThat(big).isEqualTo(direct);
  }

  @Test
  void consecutiveDraws_differ() {
    SaltSource salts = new SaltSource(new SecureRandom());
    byte[] a = new byte[18];
    byte[] b = new byte[18];
    salts.nextBytes(a);
    salts.nextBytes(b);
    assertThat(a).isNotEqualTo(b).isNotEqualTo(new byte[18]);
  }
}
