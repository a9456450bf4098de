package io.zhixin.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Crash-safe file replacement, for files that must never be seen half-written: key stores, wallet files, a published
 * {@code did.json}. The content goes to a temporary file in the same directory, is forced to disk, and is then
 * renamed over the target, so a reader (or the next start after a crash) finds the old or the new content, never a
 * mix. Where the file system has POSIX permissions the file is created readable by its owner only (0600) on request,
 * else 0644; elsewhere it gets the file system's defaults.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Atomically replaces {@code target} with {@code content}, creating missing parent directories.
   *
   * @param ownerOnly create the file readable and writable by its owner only (POSIX 0600) where the file system
   *     supports it, for secrets; {@code false} gives 0644 there
   * @throws IOException if writing or the final rename fails; {@code target} is then unchanged
   */
  public static void write(Path target, byte[] content, boolean ownerOnly) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    boolean posix = abs.getFileSystem().supportedFileAttributeViews().contains("posix");
    Path tmp = ownerOnly && posix
        ? Files.createTempFile(dir, "." + abs.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        : Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    boolean moved = false;
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(content);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      if (!ownerOnly && posix) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        // Same directory, so this only happens on exotic file systems; a plain replace is the best left.
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
