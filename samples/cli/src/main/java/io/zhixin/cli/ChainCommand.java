package io.zhixin.cli;

import io.zhixin.chain.Account;
import io.zhixin.chain.Address;
import io.zhixin.chain.ChainContract;
import io.zhixin.chain.CreditScoreRegistry;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.testkit.DevChain;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zhixin chain …}: deploy the contracts and inspect a deployment. */
@Command(
    name = "chain",
    mixinStandardHelpOptions = true,
    description = "Deploys the Zhixin contracts and checks deployment manifests.",
    subcommands = {ChainCommand.Deploy.class, ChainCommand.Info.class})
final class ChainCommand {

  /** The signing account: a key from an environment variable, else the chain's first funded account. */
  static Account deployer(DevChain chain, String keyEnv) {
    if (keyEnv != null) {
      String key = System.getenv(keyEnv);
      if (key == null || key.isBlank()) {
        throw new CliException("environment variable " + keyEnv + " (--key-env) is not set");
      }
      return Account.fromPrivateKey(key.strip());
    }
    if (chain.accounts().isEmpty()) {
      throw new CliException("no funded account for chain " + chain.chainId() + ": set --key-env NAME or " + DevChain.PRIVATE_KEYS_ENV);
    }
    return Account.of(chain.account(0));
  }

  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description = "Deploys every Zhixin contract in dependency order (the trust registry first, then the registries"
          + " that take its address) and writes the deployment manifest that the SDK loads (Deployment.read)."
          + " Without --rpc-url the contracts go to an embedded dev chain that stops when the command ends.")
  static final class Deploy implements Callable<Integer> {
    @Mixin ChainOptions chain;
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "zhixin-deployment.json",
        description = "Where to write the manifest (atomically). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--root-authority", paramLabel = "ADDRESS",
        description = "The trust registry's first root authority. Default: the deployer.")
    String rootAuthority;

    @Option(names = "--key-env", paramLabel = "NAME",
        description = "Environment variable holding the deployer's private key (hex). Default: the chain's first dev account.")
    String keyEnv;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (DevChain devChain = chain.connect()) {
        Account account = deployer(devChain, keyEnv);
        try (ZhixinChain zhixin = ZhixinChain.builder().rpcUrl(devChain.rpcUrl()).account(account).build()) {
          Address root = rootAuthority == null ? account.address() : Address.parse(rootAuthority);
          Deployment deployment = zhixin.deploy(root, CreditScoreRegistry.DEFAULT_BUREAU_SCOPE);
          deployment.write(this.out);
          out.printf("deployed on chain %d by %s from block %d%n", deployment.chainId(), deployment.deployer(), deployment.block());
          for (ChainContract c : ChainContract.values()) {
            out.printf("  %-22s %s%n", c.contractName(), deployment.address(c));
          }
          out.printf("manifest: %s%n", this.out.toAbsolutePath());
          if (devChain.isEmbedded()) {
            out.println("note: this was an embedded dev chain, stopped now; pass --rpc-url to deploy to a node that stays up");
          }
        }
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = "Loads a deployment manifest, checks it against the node's chain id and that every contract has code.")
  static final class Info implements Callable<Integer> {
    @Option(names = "--rpc-url", paramLabel = "URL", required = true, description = "JSON-RPC endpoint of the node.")
    String rpcUrl;

    @Option(names = "--deployment", paramLabel = "FILE", defaultValue = "zhixin-deployment.json",
        description = "The manifest. Default: ${DEFAULT-VALUE}.")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Deployment deployment = Deployment.read(file);
      try (ZhixinChain chain = ZhixinChain.connectReadOnly(rpcUrl, deployment)) {
        out.printf("chain %d at %s, block %d; deployed by %s from block %d%n",
            chain.chainId(), rpcUrl, chain.blockNumber(), deployment.deployer(), deployment.block());
        out.printf("  root authority         %s%n", chain.trustRegistry().rootAuthority());
        for (ChainContract c : ChainContract.values()) {
          out.printf("  %-22s %s%n", c.contractName(), deployment.address(c));
        }
      }
      out.flush();
      return 0;
    }
  }
}
