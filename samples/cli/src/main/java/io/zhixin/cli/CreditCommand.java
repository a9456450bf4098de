package io.zhixin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.chain.Account;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credit.epoch.CreditEpoch;
import io.zhixin.credit.epoch.CreditScoreIssuer;
import io.zhixin.credit.epoch.EpochPublisher;
import io.zhixin.credit.index.ChainIndexer;
import io.zhixin.credit.index.IndexRun;
import io.zhixin.credit.index.IndexerException;
import io.zhixin.credit.model.InvalidModelException;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.CreditScorer;
import io.zhixin.credit.score.Explanation;
import io.zhixin.credit.score.ScoreResult;
import io.zhixin.credit.score.ScoringEpoch;
import io.zhixin.credit.store.CreditStoreException;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.credit.store.StoreSnapshot;
import io.zhixin.keys.EncryptedKeyStore;
import io.zhixin.testkit.DevChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zhixin credit}: the credit bureau's jobs, from chain events to credit-score credentials. */
@Command(
    name = "credit",
    mixinStandardHelpOptions = true,
    description = {"The credit bureau: index attestations from the chain, score subjects, publish epochs, issue credit-score "
        + "credentials. See docs/credit.md.",
        "Typical order: credit index, credit score SUBJECT --explain, credit epoch publish, credit issue SUBJECT."},
    subcommands = {CreditCommand.Index.class, CreditCommand.Score.class, CreditCommand.Epoch.class, CreditCommand.Issue.class})
final class CreditCommand {
  static final String DEFAULT_DB = "zhixin-credit.sqlite";

  /** The node and manifest: an embedded dev chain would hold no attestations, so a node is required. */
  static final class NodeOptions {
    @Option(names = "--rpc-url", paramLabel = "URL",
        description = "JSON-RPC endpoint of the node (default: $" + DevChain.RPC_URL_ENV + ").")
    String rpcUrl;

    @Option(names = "--deployment", paramLabel = "FILE", defaultValue = "zhixin-deployment.json",
        description = "The deployment manifest. Default: ${DEFAULT-VALUE}.")
    Path deployment;

    String url() {
      String url = rpcUrl != null ? rpcUrl : System.getenv(DevChain.RPC_URL_ENV);
      if (url == null || url.isBlank()) {
        throw new CliException("no node: give --rpc-url URL or set " + DevChain.RPC_URL_ENV + " (the attestations live on a running chain)");
      }
      return url;
    }

    Deployment manifest() {
      if (!Files.isRegularFile(deployment)) {
        throw new CliException("no deployment manifest at " + deployment + "; give --deployment FILE (zhixin chain deploy writes one)");
      }
      return Deployment.read(deployment);
    }
  }

  static final class DbOption {
    @Option(names = "--db", paramLabel = "FILE", defaultValue = DEFAULT_DB,
        description = "The attestation store (SQLite). Default: ${DEFAULT-VALUE}.")
    Path db;

    SqliteAttestationStore open(boolean mustExist) {
      if (mustExist && !Files.isRegularFile(db)) {
        throw new CliException("no attestation store at " + db + "; run 'zhixin credit index' first, or give --db FILE");
      }
      try {
        return SqliteAttestationStore.open(db);
      } catch (CreditStoreException e) {
        throw new CliException(e.getMessage());
      }
    }
  }

  /** A built-in model by name ({@code person-v1}) or a model file. */
  static ScoringModel model(String nameOrFile) {
    try {
      if (nameOrFile.endsWith(".json") || nameOrFile.contains("/")) {
        Path p = Path.of(nameOrFile);
        if (!Files.isRegularFile(p)) {
          throw new CliException("no model file " + nameOrFile);
        }
        return ScoringModel.load(p);
      }
      return ScoringModel.builtIn(nameOrFile);
    } catch (InvalidModelException e) {
      throw new CliException("model " + nameOrFile + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CliException("unknown model " + nameOrFile + " (built in: person-v1, entity-v1; or a model .json file)");
    }
  }

  /** Unix seconds from {@code 2026-12-01T00:00:00Z} or {@code 1796083200}. */
  static long asOf(String value) {
    try {
      return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Instant.parse(value).getEpochSecond();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new CliException("--as-of " + value + ": expected an instant (2026-12-01T00:00:00Z) or Unix seconds");
    }
  }

  static String subject(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    if (!lower.matches("0x[0-9a-f]{64}")) {
      throw new CliException("subject " + s + ": expected a pseudonym, 0x and 64 hex digits");
    }
    return lower;
  }

  @Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Reads attestation, revocation and accreditation events into the store, from its checkpoint to the head "
          + "minus the confirmation depth; each block range and the checkpoint are one transaction, so an interrupted run "
          + "resumes where it stopped.")
  static final class Index implements Callable<Integer> {
    @Mixin NodeOptions node;
    @Mixin DbOption db;
    @Option(names = "--confirmations", paramLabel = "N", defaultValue = "2",
        description = "Blocks below the head left unread (reorganisations). Default: ${DEFAULT-VALUE}.")
    int confirmations;
    @Option(names = "--blocks-per-batch", paramLabel = "N", defaultValue = "1000",
        description = "The most blocks one store transaction covers. Default: ${DEFAULT-VALUE}.")
    int blocks;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Deployment deployment = node.manifest();
      try (ZhixinChain chain = ZhixinChain.connectReadOnly(node.url(), deployment);
          SqliteAttestationStore store = db.open(false)) {
        IndexRun run;
        try {
          run = ChainIndexer.builder().chain(chain).store(store).confirmations(confirmations).blocksPerBatch(blocks).build().run();
        } catch (IndexerException | CreditStoreException e) {
          throw new CliException(e.getMessage() + "; the store keeps what was committed, run 'zhixin credit index' again to resume");
        }
        if (run.upToDate()) {
          out.printf("up to date: checkpoint block %d, head %d (%d confirmations)%n", run.fromBlock() - 1, chain.blockNumber(), confirmations);
        } else {
          out.printf("indexed blocks %d..%d in %d range%s: %d attestations, %d revocations, %d accreditation changes%s%n",
              run.fromBlock(), run.toBlock(), run.batches(), run.batches() == 1 ? "" : "s", run.attestations(), run.revocations(),
              run.accreditationPairs(), run.skipped() == 0 ? "" : ", " + run.skipped() + " batch items skipped (entries not supplied)");
        }
        out.printf("store %s: %d attestations%n", db.db, store.attestationCount());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Scores one subject from the store: composite 350-950 and band, or 'insufficient data'. --explain adds every "
          + "dimension and the reason codes in words.")
  static final class Score implements Callable<Integer> {
    @Parameters(paramLabel = "SUBJECT", description = "The subject's pseudonym (0x + 64 hex digits).")
    String subject;
    @Mixin DbOption db;
    @Option(names = "--model", paramLabel = "NAME|FILE",
        description = "person-v1, entity-v1 or a model file (default: the built-in model under which the subject has evidence).")
    String model;
    @Option(names = "--as-of", paramLabel = "TIME", description = "Score as of this instant or Unix second (default: now).")
    String asOf;
    @Option(names = "--explain", description = "Show every dimension and the reasons in words.")
    boolean explain;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String s = subject(subject);
      long t = asOf == null ? Instant.now().getEpochSecond() : asOf(asOf);
      List<ScoringModel> candidates = model != null ? List.of(model(model))
          : List.of(ScoringModel.builtIn("person-v1"), ScoringModel.builtIn("entity-v1"));
      try (SqliteAttestationStore store = db.open(true)) {
        StoreSnapshot snap = store.snapshot(1);
        int ix = snap.columns().indexOf(s);
        if (ix < 0) {
          throw new CliException("no attestation about " + s + " in " + db.db);
        }
        ScoreResult result = null;
        ScoringModel used = null;
        for (ScoringModel m : candidates) {
          ScoreResult r = CreditScorer.create(m).score(snap.columns(), ix, snap.accreditations(), ScoringEpoch.of(0, t));
          if (result == null || (result.countedAttestations() == 0 && r.countedAttestations() > 0)) {
            result = r;
            used = m;
          }
        }
        if (explain) {
          Explanation.lines(result, used).forEach(out::println);
        } else {
          out.println(s + ": " + Explanation.summary(result) + " under " + used.name() + "-v" + used.version() + " as of "
              + Instant.ofEpochSecond(t));
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "epoch", mixinStandardHelpOptions = true, description = "Credit epochs on the CreditScoreRegistry.",
      subcommands = {CreditCommand.Publish.class})
  static final class Epoch {}

  @Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Scores every subject with a counted attestation under the model as of a time, commits the scores as a "
          + "Merkle tree, registers the model if needed and publishes the root and subject count as the bureau's next epoch.",
          "Writes the epoch file (scores and salts; keep it private) that 'credit issue' reads."})
  static final class Publish implements Callable<Integer> {
    @Mixin NodeOptions node;
    @Mixin DbOption db;
    @Option(names = "--model", paramLabel = "NAME|FILE", defaultValue = "person-v1",
        description = "person-v1, entity-v1 or a model file. Default: ${DEFAULT-VALUE}.")
    String model;
    @Option(names = "--as-of", paramLabel = "TIME", description = "As-of instant or Unix second (default: the latest block's time).")
    String asOf;
    @Option(names = "--key-env", paramLabel = "NAME",
        description = "Environment variable holding the bureau account's private key (hex). Default: the chain's first dev account.")
    String keyEnv;
    @Option(names = "--out", paramLabel = "FILE", description = "The epoch file (default: credit-epoch-N-MODEL.json).")
    Path outFile;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ScoringModel m = model(model);
      Deployment deployment = node.manifest();
      String url = node.url();
      Account bureau;
      try (DevChain dev = DevChain.connect(url)) {
        bureau = ChainCommand.deployer(dev, keyEnv);
      }
      try (ZhixinChain chain = ZhixinChain.connect(url, bureau, deployment); SqliteAttestationStore store = db.open(true)) {
        long t = asOf == null ? chain.latestBlockTime().getEpochSecond() : asOf(asOf);
        CreditEpoch e;
        try {
          e = EpochPublisher.create(chain).publish(m, store.snapshot(2), t);
        } catch (IllegalStateException nobody) {
          throw new CliException(nobody.getMessage());
        }
        Path file = outFile != null ? outFile : Path.of("credit-epoch-" + e.epoch() + "-" + e.modelLabel() + ".json");
        e.write(file);
        out.printf("published epoch %d of %s: %d subjects, root %s, block %d%n", e.epoch(), e.modelLabel(), e.subjectCount(), e.root(),
            e.publication().orElseThrow().block());
        out.printf("as of %s (not stored on chain: it is in every score record and credential)%n", Instant.ofEpochSecond(e.asOf()));
        out.printf("epoch file: %s (holds the salts: keep it private)%n", file.toAbsolutePath());
      }
      out.flush();
      return 0;
    }
  }

  @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Issues a subject's credit-score SD-JWT VC from a published epoch file, bound to the holder's key, and prints it. "
          + "Composite, band, every dimension and score_over_600/650/700/750 are each separately disclosable.")
  static final class Issue implements Callable<Integer> {
    @Parameters(paramLabel = "SUBJECT", description = "The subject's pseudonym (0x + 64 hex digits).")
    String subject;
    @Option(names = "--epoch-file", paramLabel = "FILE", required = true, description = "The file 'credit epoch publish' wrote.")
    Path epochFile;
    @Option(names = "--model", paramLabel = "NAME|FILE", description = "The epoch's model (default: the built-in one it names).")
    String model;
    @Option(names = "--holder-key", paramLabel = "JWK_FILE|DID|ALIAS", required = true,
        description = "The holder's public key (cnf): a JWK file, a did:key/did:jwk, or an alias in the key store.")
    String holderKey;
    @Option(names = "--valid-days", paramLabel = "N", defaultValue = "90", description = "Days until exp. Default: ${DEFAULT-VALUE}.")
    int validDays;
    @Mixin VcCommand.IdentityOptions identity;
    @Mixin KeyStoreOptions keyStore;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isRegularFile(epochFile)) {
        throw new CliException("no epoch file " + epochFile);
      }
      ScoringModel m = model != null ? model(model) : modelNamedIn(epochFile);
      CreditEpoch epoch = CreditEpoch.read(epochFile, m);
      String s = subject(subject);
      try (EncryptedKeyStore store = VcCommand.openExisting(keyStore)) {
        VcCommand.Identity id = identity.resolve(store);
        JWK holder = VcCommand.holderKey(holderKey, store);
        String sdJwt = CreditScoreIssuer.builder().signer(id.signer()).issuer(id.did()).keyId(id.kid()).build()
            .issue(epoch, s, holder, Instant.now().plus(Duration.ofDays(validDays)));
        out.println(sdJwt);
      } catch (IllegalStateException e) {
        throw new CliException(e.getMessage());
      }
      out.flush();
      return 0;
    }

    private static ScoringModel modelNamedIn(Path file) {
      String id;
      try {
        JsonNode n = VcFiles.JSON.readTree(file.toFile());
        id = n == null ? "" : n.path("model").asText();
      } catch (IOException e) {
        throw new CliException("cannot read epoch file " + file + ": " + e.getMessage());
      }
      for (String name : List.of("person-v1", "entity-v1")) {
        ScoringModel m = ScoringModel.builtIn(name);
        if (m.idHex().equals(id)) {
          return m;
        }
      }
      throw new CliException("epoch file " + file + " names model " + id + ", which is not built in; give --model FILE");
    }
  }
}
