package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.credit.Attestation;
import io.zhixin.credit.store.IndexBatch;
import io.zhixin.credit.store.SqliteAttestationStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zhixin credit} without a chain: help, scoring from a store file, and one-line errors. */
class CreditCommandTest {
  private static final String SUBJECT = "0x" + "ab".repeat(32);

  @Test
  void help_everySubcommand_exitsZeroAndDescribesIt(@TempDir Path dir) throws Exception {
    CliRunner cli = new CliRunner(dir);
    for (List<String> cmd : List.of(List.of("credit"), List.of("credit", "index"), List.of("credit", "score"),
        List.of("credit", "epoch"), List.of("credit", "epoch", "publish"), List.of("credit", "issue"))) {
      String[] args = java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--help")).toArray(String[]::new);
      assertThat(cli.run(args)).as(String.join(" ", cmd)).isZero();
      assertThat(cli.out).startsWith("Usage: zhixin " + String.join(" ", cmd));
    }
  }

  @Test
  void score_fromAStoreFile_explainsInWords(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("c.sqlite");
    String attestor = "0x" + "11".repeat(20);
    String identity = schema("IDENTITY_VERIFIED");
    String loan = schema("LOAN_REPAID_ON_TIME");
    String tax = schema("TAX_FILED_ON_TIME");
    try (SqliteAttestationStore store = SqliteAttestationStore.open(db)) {
      store.apply(IndexBatch.upToBlock(5)
          .attestation(new Attestation("0x" + "01".repeat(32), SUBJECT, identity, attestor, 1, 1_790_000_000L, 0, 0))
          .attestation(new Attestation("0x" + "02".repeat(32), SUBJECT, loan, attestor, 1, 1_790_000_000L, 0, 0))
          .attestation(new Attestation("0x" + "03".repeat(32), SUBJECT, tax, attestor, 1, 1_790_000_000L, 0, 0))
          .accreditation(attestor, identity, List.of(new io.zhixin.credit.AccreditationInterval(attestor, identity, 0, Long.MAX_VALUE)))
          .accreditation(attestor, loan, List.of(new io.zhixin.credit.AccreditationInterval(attestor, loan, 0, Long.MAX_VALUE)))
          .accreditation(attestor, tax, List.of(new io.zhixin.credit.AccreditationInterval(attestor, tax, 0, Long.MAX_VALUE)))
          .build());
    }
    CliRunner cli = new CliRunner(dir);
    assertThat(cli.ok("credit", "score", SUBJECT, "--db", db.toString(), "--as-of", "2026-12-01T00:00:00Z"))
        .startsWith(SUBJECT + ": ").contains("under person-v1 as of 2026-12-01T00:00:00Z");
    String explained = cli.ok("credit", "score", SUBJECT.toUpperCase().replace("0X", "0x"), "--db", db.toString(), "--as-of", "1796083200",
        "--explain");
    assertThat(explained).contains("identity").contains("up    IDENTITY_VERIFIED: A government department verified the person's identity");
  }

  @Test
  void errors_areOneLineWithoutStackTraces(@TempDir Path dir) throws Exception {
    CliRunner cli = new CliRunner(dir);
    String db = dir.resolve("none.sqlite").toString();
    assertOneLine(cli, "no attestation store at", "credit", "score", SUBJECT, "--db", db);
    assertOneLine(cli, "subject 0x12: expected a pseudonym", "credit", "score", "0x12", "--db", db);
    assertOneLine(cli, "unknown model nope", "credit", "score", SUBJECT, "--db", db, "--model", "nope");
    assertOneLine(cli, "--as-of yesterday: expected an instant", "credit", "score", SUBJECT, "--db", db, "--as-of", "yesterday");
    assertOneLine(cli, "no deployment manifest at", "credit", "index", "--rpc-url", "http://127.0.0.1:1", "--deployment",
        dir.resolve("missing.json").toString());
    assertOneLine(cli, "no epoch file", "credit", "issue", SUBJECT, "--epoch-file", dir.resolve("e.json").toString(),
        "--holder-key", "x", "--key", "k");
    try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("empty.sqlite"))) {
      store.checkpoint();
    }
    assertOneLine(cli, "no attestation about", "credit", "score", SUBJECT, "--db", dir.resolve("empty.sqlite").toString());
  }

  private static void assertOneLine(CliRunner cli, String message, String... args) {
    assertThat(cli.run(args)).as(String.join(" ", args)).isEqualTo(1);
    assertThat(cli.err.trim()).startsWith("zhixin: " + message).doesNotContain("\n").doesNotContain("Exception");
  }

  private static String schema(String code) {
    return io.zhixin.credit.model.ScoringModel.builtIn("person-v1").schemas().stream().filter(s -> s.code().equals(code))
        .findFirst().orElseThrow().id();
  }
}
