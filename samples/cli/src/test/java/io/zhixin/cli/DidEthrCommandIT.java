package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zhixin did resolve} for did:ethr: against the registry named by a deployment manifest. */
@WithDevChain
class DidEthrCommandIT {
  @TempDir Path dir;
  private StringWriter out;
  private StringWriter err;

  private int run(String... args) {
    out = new StringWriter();
    err = new StringWriter();
    CommandLine cli = Zhixin.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void resolvesADidEthrOnTheDeployedRegistry(DevChain chain) {
    Path manifest = dir.resolve("deployment.json");
    assertThat(run("chain", "deploy", "--rpc-url", chain.rpcUrl(), "--out", manifest.toString())).as(err.toString()).isZero();

    String did = "did:ethr:0x7a69:" + chain.account(3).getAddress();
    assertThat(run("did", "resolve", did, "--rpc-url", chain.rpcUrl(), "--deployment", manifest.toString()))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("#controller").contains("eip155:31337:");
  }

  @Test
  void aDidEthrWithoutAManifestIsOneLine(DevChain chain) {
    int exit = run("did", "resolve", "did:ethr:0x7a69:" + chain.account(3).getAddress(), "--rpc-url", chain.rpcUrl(),
        "--deployment", dir.resolve("missing.json").toString());
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().asString().contains("deployment manifest");
  }
}
