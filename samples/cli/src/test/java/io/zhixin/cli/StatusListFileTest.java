package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.status.StatusPurpose;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusListFileTest {
  @TempDir Path dir;

  @Test
  void update_concurrentAllocations_areNeverLostOrHandedOutTwice() throws Exception {
    Path file = dir.resolve("lists.json");
    StatusListFile.create(file, "did:example:gaj", Map.of(StatusPurpose.REVOCATION, "https://gaj.example/status/1"),
        131_072);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<List<Long>>> futures = new java.util.ArrayList<>();
      for (int t = 0; t < 6; t++) {
        futures.add(pool.submit(() -> {
          List<Long> mine = new java.util.ArrayList<>();
          for (int i = 0; i < 25; i++) {
            mine.add(StatusListFile.update(file, StatusListFile::allocate).get(0).index());
          }
          return mine;
        }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      assertThat(all).hasSize(150);
      assertThat(StatusListFile.read(file).lists.get(StatusPurpose.REVOCATION).count()).isEqualTo(150);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void allocate_spreadsIndicesAtRandom() {
    Path file = dir.resolve("lists.json");
    StatusListFile.create(file, "did:example:gaj", Map.of(StatusPurpose.REVOCATION, "https://gaj.example/status/1"),
        131_072);
    List<StatusEntry> a = StatusListFile.update(file, StatusListFile::allocate);
    List<StatusEntry> b = StatusListFile.update(file, StatusListFile::allocate);
    assertThat(Math.abs(a.get(0).index() - b.get(0).index())).isGreaterThan(1);
  }
}
