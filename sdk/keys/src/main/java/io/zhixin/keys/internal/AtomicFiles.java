package io.zhixin.keys.internal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The former place of {@link io.zhixin.keys.AtomicFiles}, kept only while {@code EncryptedKeyStore} still imports it
 * from here; delete this class once that import is gone. Nothing else may use it.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Same as {@link io.zhixin.keys.AtomicFiles#write(Path, byte[], boolean)}. */
  public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
    io.zhixin.keys.AtomicFiles.write(target, content, ownerOnly);
  }
}
