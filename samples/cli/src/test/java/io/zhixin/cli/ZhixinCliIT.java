package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

@WithDevChain
class ZhixinCliIT {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Zhixin.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void demoRunsOnTheDevChain(DevChain chain) {
    int exit = run("demo", "--rpc-url", chain.rpcUrl());
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("verified   accepted after")
        .contains("refused    the bank now rejects the same presentation: [revoked")
        .contains("refused    the same person at the 石湾 office: the chain says already claimed");
  }

  @Test
  void everyCommandHasHelp() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("demo");
    assertThat(run("demo", "--help")).isZero();
    assertThat(out.toString()).contains("--rpc-url");
  }

  @Test
  void anUnreachableNodeIsOneLineOnStderr() {
    int exit = run("demo", "--rpc-url", "http://127.0.0.1:1");
    assertThat(exit).isEqualTo(Zhixin.EXIT_FAILURE);
    assertThat(err.toString()).startsWith("zhixin: cannot reach http://127.0.0.1:1").doesNotContain("\tat ");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertThat(run("demo", "--no-such-option")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option");
  }
}
