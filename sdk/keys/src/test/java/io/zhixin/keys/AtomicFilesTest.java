package io.zhixin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @Test
  void write_createsParentsAndReplacesContent_leavingNoTemporaryFile() throws Exception {
    Path file = dir.resolve("a/b/did.json");
    AtomicFiles.write(file, bytes("first"), false);
    AtomicFiles.write(file, bytes("second"), false);
    assertThat(Files.readString(file)).isEqualTo("second");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void write_ownerOnly_is0600_otherwise0644() throws Exception {
    assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
    Path secret = dir.resolve("secret");
    Path open = dir.resolve("open");
    AtomicFiles.write(secret, bytes("s"), true);
    AtomicFiles.write(open, bytes("o"), false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(open))).isEqualTo("rw-r--r--");
  }

  @Test
  void failedRename_throwsAndLeavesNoTemporaryFile() throws Exception {
    // A non-empty directory cannot be replaced by a file.
    Path target = dir.resolve("target");
    Files.createDirectories(target.resolve("blocker"));
    assertThatThrownBy(() -> AtomicFiles.write(target, bytes("x"), true)).isInstanceOf(IOException.class);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
    assertThat(Files.isDirectory(target.resolve("blocker"))).isTrue();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
