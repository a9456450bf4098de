package io.zhixin.cli;

import io.zhixin.wallet.OfferPreview;
import io.zhixin.wallet.PresentationOutcome;
import io.zhixin.wallet.PresentationRequest;
import io.zhixin.wallet.StoredCredential;
import io.zhixin.wallet.Wallet;
import io.zhixin.wallet.WalletException;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code zhixin wallet}: the citizen's wallet at a terminal (OpenID4VCI receive, OpenID4VP present, list). */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    description = "A holder wallet: receive credentials (OpenID4VCI), present them (OpenID4VP), list them.",
    subcommands = {WalletCommand.Receive.class, WalletCommand.Present.class, WalletCommand.ListCredentials.class})
final class WalletCommand {
  static final String PASSWORD_ENV = "ZHIXIN_WALLET_PASSWORD";
  /** Exit code of {@code present} when it showed the request but was not told to answer. */
  static final int EXIT_NOT_ANSWERED = 3;

  private WalletCommand() {}

  /** Where the wallet is and how to unlock it; the password is never an option. */
  static final class WalletOptions {
    @Option(names = "--wallet", paramLabel = "DIR",
        description = "Wallet folder (default: ~/.zhixin/wallet, or $ZHIXIN_HOME/wallet).")
    Path dir;

    @Option(names = "--password-file", paramLabel = "FILE",
        description = "File whose first line is the wallet password (default: $" + PASSWORD_ENV + ", else a prompt).")
    Path passwordFile;

    @Option(names = "--insecure-http", description = "Allow plain http to hosts other than loopback (testing only).")
    boolean insecureHttp;

    Wallet open() {
      Path d = dir;
      if (d == null) {
        String home = System.getenv("ZHIXIN_HOME");
        d = (home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".zhixin"))
            .resolve("wallet");
      }
      char[] pw = Passwords.read(passwordFile, PASSWORD_ENV, "wallet", d);
      try {
        Wallet.Builder b = Wallet.builder().directory(d).password(pw);
        if (insecureHttp) {
          b.allowInsecureHttp();
        }
        return b.open();
      } catch (WalletException e) {
        throw new CliException(e.getMessage());
      } finally {
        Arrays.fill(pw, '\0');
      }
    }
  }

  static CliException failure(WalletException e) {
    String code = e.errorCode() == null ? "" : " [" + e.errorCode() + "]";
    return new CliException(e.reason().name().toLowerCase(java.util.Locale.ROOT) + code + ": " + e.getMessage());
  }

  @Command(name = "receive", mixinStandardHelpOptions = true,
      description = "Receive the credentials of an OpenID4VCI offer (pre-authorized code flow).")
  static final class Receive implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WalletOptions wallet;

    @Parameters(paramLabel = "OFFER_URI", description = "openid-credential-offer://?credential_offer(_uri)=…")
    String offerUri;

    @Option(names = "--tx-code", paramLabel = "CODE",
        description = "The transaction code the issuer sent you (asked for on the terminal when needed and absent).")
    String txCode;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Wallet w = wallet.open()) {
        OfferPreview p = w.previewOffer(offerUri);
        out.println("Issuer 发证方: " + p.credentialIssuer());
        out.println("Offers 凭证: " + String.join(", ", p.displayNames()));
        String code = txCode;
        if (p.txCodeRequired() && code == null) {
          Console console = System.console();
          if (console == null) {
            throw new CliException("the offer needs a transaction code (" + (p.txCodeDescription() == null ? ""
                : p.txCodeDescription()) + "): use --tx-code");
          }
          code = console.readLine("Transaction code 验证码%s: ", p.txCodeDescription() == null ? ""
              : " (" + p.txCodeDescription() + ")");
        }
        List<StoredCredential> got = w.receive(offerUri, p.txCodeRequired() ? code : null);
        for (StoredCredential c : got) {
          out.println("Stored 已保存 " + c.id() + "  " + c.format() + "  " + String.join(" ", c.types()));
        }
        out.flush();
        return 0;
      } catch (WalletException e) {
        throw failure(e);
      }
    }
  }

  @Command(name = "present", mixinStandardHelpOptions = true,
      description = "Show who asks for what and why (OpenID4VP request), then answer with the approved claims.")
  static final class Present implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WalletOptions wallet;

    @Parameters(paramLabel = "REQUEST_URI", description = "openid4vp://?client_id=…&request_uri=…")
    String requestUri;

    @Option(names = "--approve", paramLabel = "CLAIMS", split = ",",
        description = "Claims you agree to disclose (name, address/locality, identity:name, or * for all asked).")
    List<String> approve;

    @Option(names = "--decline", description = "Tell the verifier you decline.")
    boolean decline;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Wallet w = wallet.open()) {
        PresentationRequest req = w.present(requestUri);
        out.println("Who asks 请求方: " + req.verifierId() + (req.verifierAuthenticated() ? " (signed request)"
            : " (NOT authenticated: unsigned request)"));
        out.println("Why 用途: " + (req.purposes().isEmpty() ? "(no purpose stated)" : String.join("; ",
            req.purposes())));
        out.println("What 请求内容:");
        for (PresentationRequest.RequestedCredential r : req.requested()) {
          out.println("  " + r.queryId() + " (" + r.format() + " " + String.join(" | ", r.types()) + ")"
              + (r.required() ? "" : " optional") + ": " + String.join(", ", r.claims())
              + (r.credentialId() == null ? "  — no matching credential" : "  ← " + r.credentialId()));
        }
        out.flush();
        if (decline) {
          req.decline();
          out.println("Declined 已拒绝");
          out.flush();
          return 0;
        }
        Set<String> approved = new LinkedHashSet<>();
        if (approve != null) {
          approve.forEach(a -> approved.add(a.trim()));
        } else {
          Console console = System.console();
          if (console == null) {
            out.println("Not answered 未回复: run again with --approve CLAIMS or --decline");
            out.flush();
            return EXIT_NOT_ANSWERED;
          }
          String yes = console.readLine("Disclose all of the above? 同意披露以上信息? [y/N] ");
          if (yes == null || !yes.trim().equalsIgnoreCase("y")) {
            req.decline();
            out.println("Declined 已拒绝");
            out.flush();
            return 0;
          }
          approved.add("*");
        }
        PresentationOutcome o = req.respond(approved);
        o.disclosed().forEach((id, paths) -> out.println("Disclosed 已披露 " + id + ": " + String.join(", ", paths)));
        o.redirect().ifPresent(r -> out.println("Continue at 继续: " + r));
        out.flush();
        return 0;
      } catch (WalletException e) {
        throw failure(e);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the stored credentials.")
  static final class ListCredentials implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin WalletOptions wallet;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Wallet w = wallet.open()) {
        if (w.list().isEmpty()) {
          out.println("(no credentials)");
        }
        for (StoredCredential c : w.list()) {
          out.println(c.id() + "  " + c.format() + "  " + String.join(" ", c.types()) + "  from " + c.issuer()
              + "  " + c.receivedAt());
        }
        out.flush();
        return 0;
      }
    }
  }
}
