package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.chain.Account;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credit.index.ModelSchemas;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zhixin credit index | score | epoch publish | issue} against a dev chain, in order. */
@WithDevChain
class CreditCommandIT {
  private static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void indexScorePublishIssue_endToEnd(DevChain dev, @TempDir Path dir) throws Exception {
    ZhixinChain root = ZhixinChain.builder().rpcUrl(dev.rpcUrl()).account(Account.of(dev.account(0))).build();
    Deployment deployment = root.deploy();
    root = root.withDeployment(deployment);
    Path manifest = dir.resolve("deployment.json");
    deployment.write(manifest);
    ModelSchemas.register(root.attestations(), PERSON);
    root.trustRegistry().accredit(TrustRegistry.Grant.to(Account.of(dev.account(5)).address())
        .scopes(PERSON.schemas().stream().map(s -> Bytes32.fromHex(s.id())).toList()));
    // the CLI publishes from the chain's first dev account: make it the bureau
    root.trustRegistry().accredit(TrustRegistry.Grant.to(Account.of(dev.account(0)).address()).scopes(deployment.creditBureauScope()));
    ZhixinChain attestor = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(5)), deployment);
    Bytes32 citizen = random();
    Bytes32 thin = random();
    Map.of("IDENTITY_VERIFIED", 1, "LOAN_REPAID_ON_TIME", 1, "UTILITY_PAID_ON_TIME", 1, "TAX_FILED_ON_TIME", 1,
        "SOCIAL_INSURANCE_CONTRIBUTION", 12, "PAYMENT_OVERDUE", 10).forEach((code, v) ->
        attestor.attestations().attest(AttestationEntry.of(ModelSchemas.id(PERSON, code), citizen, v, random())));
    attestor.attestations().attest(AttestationEntry.of(ModelSchemas.id(PERSON, "IDENTITY_VERIFIED"), thin, 1, random()));

    CliRunner cli = new CliRunner(dir);
    String db = dir.resolve("credit.sqlite").toString();
    String[] node = {"--rpc-url", dev.rpcUrl(), "--deployment", manifest.toString(), "--db", db};
    assertThat(cli.ok(concat(new String[] {"credit", "index", "--confirmations", "0"}, node)))
        .contains("indexed blocks").contains("7 attestations");
    assertThat(cli.ok(concat(new String[] {"credit", "index", "--confirmations", "0"}, node))).startsWith("up to date");

    // the dev chain's clock runs ahead of the wall clock after a burst of blocks: score as of the chain's time
    String asOf = Long.toString(root.latestBlockTime().getEpochSecond());
    String explained = cli.ok("credit", "score", citizen.toHex(), "--db", db, "--explain", "--as-of", asOf);
    assertThat(explained).contains("credit_history").contains("up    IDENTITY_VERIFIED: A government department verified")
        .contains("down  PAYMENT_OVERDUE: ");
    assertThat(cli.ok("credit", "score", thin.toHex(), "--db", db, "--as-of", asOf)).contains("insufficient data (1 counted attestation");

    Path epochFile = dir.resolve("epoch.json");
    assertThat(cli.ok(concat(new String[] {"credit", "epoch", "publish", "--out", epochFile.toString()}, node)))
        .contains("published epoch 1 of person-v1: 2 subjects").contains("keep it private");

    cli.did("bureau");
    Path holder = cli.file("holder.jwk", KeyPair.generate(KeyType.P256).publicJwk().toJSONString());
    String sdJwt = cli.ok(cli.withStore("credit", "issue", citizen.toHex(), "--epoch-file", epochFile.toString(),
        "--holder-key", holder.toString(), "--key", "bureau"));
    assertThat(SdJwtPresentation.disclosablePaths(sdJwt)).contains("score_over_650", "dimensions/credit_history", "composite");

    assertThat(cli.run(cli.withStore("credit", "issue", thin.toHex(), "--epoch-file", epochFile.toString(),
        "--holder-key", holder.toString(), "--key", "bureau"))).isEqualTo(1);
    assertThat(cli.err).startsWith("zhixin: subject ").contains("insufficient data").doesNotContain("Exception");
    assertThat(cli.run(concat(new String[] {"credit", "epoch", "publish", "--model", "entity-v1"}, node))).isEqualTo(1);
    assertThat(cli.err).startsWith("zhixin: no subject has a counted attestation under model entity-v1");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static Bytes32 random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Bytes32.of(b);
  }
}
