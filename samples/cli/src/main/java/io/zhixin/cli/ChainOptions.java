package io.zhixin.cli;

import io.zhixin.testkit.DevChain;
import picocli.CommandLine.Option;

/** Which chain a command talks to: {@code --rpc-url}, else {@code ZHIXIN_RPC_URL}, else an embedded dev chain. */
final class ChainOptions {
  @Option(
      names = "--rpc-url",
      paramLabel = "URL",
      description = "JSON-RPC endpoint of a running node (default: $ZHIXIN_RPC_URL, else an embedded dev chain that is stopped on exit).")
  String rpcUrl;

  DevChain connect() {
    return rpcUrl != null ? DevChain.connect(rpcUrl) : DevChain.start();
  }
}
