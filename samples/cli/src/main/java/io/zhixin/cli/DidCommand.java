package io.zhixin.cli;

import io.zhixin.chain.ChainContract;
import io.zhixin.chain.Deployment;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.KeyFormat;
import io.zhixin.did.ethr.EthrDid;
import io.zhixin.did.ethr.EthrDidMethod;
import io.zhixin.did.ethr.EthrNetwork;
import io.zhixin.did.ResolutionError;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.did.web.DidWeb;
import io.zhixin.keys.EncryptedKeyStore;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "did",
    mixinStandardHelpOptions = true,
    description = "Create and resolve DIDs.",
    subcommands = {DidCommand.Create.class, DidCommand.Resolve.class})
final class DidCommand {
  /** The exit code of a DID that does not resolve: the command ran, the answer is no. */
  static final int EXIT_NOT_RESOLVED = 1;

  enum Method { key, jwk, web, ethr }

  enum KeyTypeOption {
    p256(KeyType.P256), ed25519(KeyType.ED25519), secp256k1(KeyType.SECP256K1);

    final KeyType type;

    KeyTypeOption(KeyType type) {
      this.type = type;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates a key pair, stores it in the encrypted key store and prints the new DID.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--method", required = true, paramLabel = "METHOD", description = "key, jwk, web or ethr.")
    Method method;

    @Option(names = "--key-type", paramLabel = "TYPE",
        description = "p256 (default), ed25519 or secp256k1; did:ethr needs secp256k1 (its default).")
    KeyTypeOption keyType;

    @Option(names = "--alias", paramLabel = "NAME", description = "Name of the key in the store (default: the DID's last part).")
    String alias;

    @ArgGroup(exclusive = false, heading = "did:web:%n")
    WebOptions web;

    @Option(names = "--chain-id", paramLabel = "ID", defaultValue = "31337",
        description = "did:ethr: the chain the DID lives on (default: ${DEFAULT-VALUE}, the dev chain).")
    long chainId;

    @Mixin KeyStoreOptions keyStore;
    @Spec CommandSpec spec;

    static final class WebOptions {
      @Option(names = "--web-host", required = true, paramLabel = "HOST[:PORT]", description = "The host that serves the DID document.")
      String host;

      @Option(names = "--web-path", paramLabel = "SEGMENT", description = "Path segments, e.g. --web-path departments --web-path psb.")
      List<String> path = List.of();

      @Option(names = "--web-root", paramLabel = "DIR", description = "Also write did.json where the web server serves it from DIR.")
      Path webRoot;
    }

    @Override
    public Integer call() throws IOException {
      KeyType type = keyType != null ? keyType.type : method == Method.ethr ? KeyType.SECP256K1 : KeyType.P256;
      if (method == Method.ethr && type != KeyType.SECP256K1) {
        throw new CliException("did:ethr keys are secp256k1 (Ethereum accounts); use --key-type secp256k1");
      }
      if ((method == Method.web) != (web != null)) {
        throw new CliException(method == Method.web ? "did:web needs --web-host" : "--web-* options are for --method web");
      }
      KeyPair key = KeyPair.generate(type);
      PrintWriter out = spec.commandLine().getOut();
      Did did = switch (method) {
        case key -> DidKey.create(key.publicJwk());
        case jwk -> DidJwk.create(key.publicJwk());
        case web -> DidWeb.create(web.host, web.path.toArray(String[]::new));
        case ethr -> EthrDid.fromAddress(chainId, EthrDid.address(key.publicJwk()));
      };
      String name = alias != null ? alias : defaultAlias(did);
      try (EncryptedKeyStore store = keyStore.openOrCreate()) {
        if (store.contains(name)) {
          throw new CliException("the key store already has a key named '" + name + "'; choose another --alias");
        }
        store.add(name, key);
      }
      if (method == Method.web && web.webRoot != null) {
        Path written = DidWeb.publish(DidWeb.document(did, KeyFormat.JSON_WEB_KEY, List.of(key.publicJwk())), web.webRoot);
        spec.commandLine().getErr().println("zhixin: wrote " + written);
      }
      out.println(did);
      out.flush();
      spec.commandLine().getErr().println("zhixin: stored the " + type.name().toLowerCase(Locale.ROOT) + " key as '" + name + "' in " + keyStore.file());
      return 0;
    }

    private static String defaultAlias(Did did) {
      String id = did.methodSpecificId();
      String last = id.substring(id.lastIndexOf(':') + 1);
      String alias = (did.method() + "-" + last).replaceAll("[^A-Za-z0-9._-]", "_");
      return alias.length() > 64 ? alias.substring(0, 64) : alias;
    }
  }

  @Command(name = "resolve", mixinStandardHelpOptions = true,
      description = "Resolves a DID and prints the DID resolution result as JSON; exits 1 when it does not resolve.")
  static final class Resolve implements Callable<Integer> {
    @Parameters(paramLabel = "DID", description = "The DID to resolve.")
    String did;

    @Option(names = "--rpc-url", paramLabel = "URL",
        description = "did:ethr: the chain's JSON-RPC endpoint (default: $ZHIXIN_RPC_URL).")
    String rpcUrl;

    @Option(names = "--deployment", paramLabel = "FILE", defaultValue = "zhixin-deployment.json",
        description = "did:ethr: the manifest written by 'zhixin chain deploy', which names the DID registry (default: ${DEFAULT-VALUE}).")
    Path deployment;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DidResolver.Builder builder = DidResolver.builder()
          .method(DidKey.method())
          .method(DidJwk.method())
          .method(DidWeb.method());
      if (did.startsWith("did:ethr:")) {
        builder.method(ethrMethod());
      }
      DidResolver resolver = builder.build();
      DidResolutionResult result = resolver.resolve(did);
      if (!result.isSuccess()) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("zhixin: " + result.error().map(ResolutionError::code).orElse("error") + ": "
            + result.resolutionMetadata().errorMessage().orElse("no details"));
        err.flush();
        return EXIT_NOT_RESOLVED;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(result.toJson());
      out.flush();
      return 0;
    }

    /** did:ethr needs a node and the registry's address: from the flags, the environment and the manifest. */
    private EthrDidMethod ethrMethod() {
      String url = rpcUrl != null ? rpcUrl : System.getenv(DevChain.RPC_URL_ENV);
      if (url == null || url.isBlank()) {
        throw new CliException("resolving a did:ethr needs a node: --rpc-url URL or " + DevChain.RPC_URL_ENV);
      }
      if (!Files.isRegularFile(deployment)) {
        throw new CliException("resolving a did:ethr needs the deployment manifest that names the DID registry: "
            + deployment + " does not exist (write it with 'zhixin chain deploy', or pass --deployment FILE)");
      }
      Deployment manifest = Deployment.read(deployment);
      return EthrDidMethod.builder()
          .network(EthrNetwork.of(manifest.chainId(), url, manifest.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex()))
          .build();
    }
  }
}
