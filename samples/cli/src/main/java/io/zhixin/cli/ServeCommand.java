package io.zhixin.cli;

import com.nimbusds.jose.JWSAlgorithm;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.status.CachingStatusListFetcher;
import io.zhixin.credentials.status.StatusListFetcher;
import io.zhixin.keys.EncryptedKeyStore;
import io.zhixin.credentials.status.HttpStatusListFetcher;
import io.zhixin.vcapi.VcApiServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serves the W3C VC-API: POST /credentials/verify and /presentations/verify, and "
        + "/credentials/issue when --key is given. Prints the base URL, then runs until stopped (Ctrl-C).",
        "See docs/vc-api.md."})
final class ServeCommand implements Callable<Integer> {
  static final String CERT_PASSWORD_ENV = "ZHIXIN_CERT_PASSWORD";

  /** Tests observe (and stop) the running server through this; null otherwise. */
  static volatile Consumer<VcApiServer> onStart;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
      description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @ArgGroup(exclusive = false, heading = "HTTPS:%n")
  Tls tls;

  static final class Tls {
    @Option(names = "--https", required = true, description = "Serve HTTPS.")
    boolean https;

    @Option(names = "--cert-keystore", required = true, paramLabel = "FILE",
        description = "PKCS#12 file with the server's certificate chain and private key.")
    Path keystore;

    @Option(names = "--cert-password-file", paramLabel = "FILE",
        description = "File whose first line is the PKCS#12 password (default: $" + CERT_PASSWORD_ENV + ").")
    Path passwordFile;
  }

  @Option(names = "--key", paramLabel = "ALIAS",
      description = "Enables POST /credentials/issue, signing with this key from the key store.")
  String key;

  @Option(names = "--issuer", paramLabel = "DID",
      description = "Issuing: the issuer DID (default: the did:key or did:jwk of --key).")
  String issuer;

  @Option(names = "--kid", paramLabel = "DID_URL", description = "Issuing: the verification method of the key.")
  String kid;

  @Option(names = "--did-method", paramLabel = "METHOD", defaultValue = "key",
      description = "Issuing: key (default) or jwk, the DID derived from --key without --issuer.")
  VcCommand.DidMethodOption didMethod;

  @Option(names = "--issue-token-file", paramLabel = "FILE",
      description = "Issuing: file whose first line is the bearer token callers must send; required unless the "
          + "server listens on loopback only.")
  Path tokenFile;

  @Mixin KeyStoreOptions keyStore;

  @Option(names = "--trusted-issuer", paramLabel = "DID",
      description = "Verify: accept only these issuers (repeatable; default any, reported as a warning).")
  List<String> trusted = new ArrayList<>();

  @Option(names = "--type", paramLabel = "TYPE", description = "Verify: accept only these types (repeatable).")
  List<String> types = new ArrayList<>();

  @Option(names = "--aud", paramLabel = "AUDIENCE",
      description = "Presentations must be addressed to this audience (default: the request's options.domain).")
  String aud;

  @Option(names = "--ignore-status", description = "Verify: do not check revocation or suspension.")
  boolean ignoreStatus;

  @Option(names = "--allow-missing-challenge",
      description = "Accept presentation requests without options.challenge (replays go unnoticed).")
  boolean allowMissingChallenge;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new CliException("--port must be 0..65535, found " + port);
    }
    VcApiServer.Builder b = VcApiServer.builder().host(host).port(port);
    PrintWriter err = spec.commandLine().getErr();
    if (tls != null) {
      char[] password = firstLine(tls.passwordFile, CERT_PASSWORD_ENV, "certificate key store password");
      b.tls(tls.keystore, password);
    }
    if (key == null && (issuer != null || kid != null || tokenFile != null)) {
      throw new CliException("--issuer, --kid and --issue-token-file go with --key (issuing)");
    }
    if (key != null) {
      VcCommand.IdentityOptions identity = new VcCommand.IdentityOptions();
      identity.alias = key;
      identity.issuer = issuer;
      identity.kid = kid;
      identity.method = didMethod;
      try (EncryptedKeyStore store = VcCommand.openExisting(keyStore)) {
        VcCommand.Identity id = identity.resolve(store);
        b.issuer(id.signer(), id.did(), id.kid());
        if (tokenFile != null) {
          b.issueBearerToken(new String(firstLine(tokenFile, null, "issue token")));
        } else if (loopback(host)) {
          b.allowUnauthenticatedIssue();
          err.println("zhixin: warning: anyone who can reach " + host + " may have credentials issued as "
              + id.did() + "; give --issue-token-file to require a bearer token");
        } else {
          throw new CliException("issuing on " + host + " needs --issue-token-file (a bearer token); without one "
              + "only loopback addresses are allowed");
        }
      }
    }
    b.credentialVerifier(policy().ignoreAudience().ignoreNonce().allowMissingKeyBinding().build());
    if (aud != null) {
      b.presentationVerifier(policy().audience(aud).noncePerRequest().build());
    } else {
      Map<String, Verifier> byDomain = new ConcurrentHashMap<>();
      Verifier anyAudience = policy().ignoreAudience().noncePerRequest().build();
      b.presentationVerifiers(domain -> {
        if (domain == null) {
          return anyAudience;
        }
        Verifier v = byDomain.get(domain);
        if (v == null) {
          v = policy().audience(domain).noncePerRequest().build();
          if (byDomain.size() < 256) {
            byDomain.put(domain, v);
          }
        }
        return v;
      });
    }
    if (allowMissingChallenge) {
      b.allowMissingChallenge();
    }
    VcApiServer server;
    try {
      server = b.start();
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage());
    }
    Thread hook = new Thread(server::close, "zhixin-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      PrintWriter out = spec.commandLine().getOut();
      out.println(server.uri());
      out.flush();
      err.println("zhixin: VC-API on " + server.uri() + " " + server.endpoints() + "; Ctrl-C stops it");
      err.flush();
      Consumer<VcApiServer> observer = onStart;
      if (observer != null) {
        observer.accept(server);
      }
      server.awaitClose();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run
      }
    }
    return 0;
  }

  private Verifier.Builder policy() {
    Verifier.Builder v = Verifier.builder().issuerKeys(VcCommand.issuerKeys(trusted))
        .acceptedAlgorithms(JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.ES256K);
    if (trusted.isEmpty()) {
      v.acceptAnyIssuer();
    } else {
      v.trustedIssuers(trusted.toArray(String[]::new));
    }
    if (types.isEmpty()) {
      v.acceptAnyType();
    } else {
      v.acceptedTypes(types.toArray(String[]::new));
    }
    if (ignoreStatus) {
      v.ignoreStatus();
    } else {
      v.statusLists(statusLists());
    }
    return v;
  }

  private StatusListFetcher statusLists;

  private StatusListFetcher statusLists() {
    if (statusLists == null) {
      statusLists = CachingStatusListFetcher.create(HttpStatusListFetcher.create(Duration.ofSeconds(10)), Duration.ofMinutes(5),
          Clock.systemUTC());
    }
    return statusLists;
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new CliException("unknown --host " + host);
    }
  }

  private static char[] firstLine(Path file, String env, String what) {
    if (file != null) {
      try {
        String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (first.isEmpty()) {
          throw new CliException("the " + what + " file " + file + " is empty");
        }
        return first.toCharArray();
      } catch (java.io.IOException e) {
        throw new CliException("cannot read the " + what + " file " + file + ": " + e.getMessage());
      }
    }
    String v = env == null ? null : System.getenv(env);
    if (v == null || v.isEmpty()) {
      throw new CliException("no " + what + ": give its file" + (env == null ? "" : " or set " + env));
    }
    return v.toCharArray();
  }
}
