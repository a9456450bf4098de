package io.zhixin.cli;

import io.zhixin.chain.ChainException;
import io.zhixin.keys.KeyException;
import io.zhixin.testkit.DevChainException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zhixin} command: one entry point, a subcommand per job. */
@Command(
    name = "zhixin",
    mixinStandardHelpOptions = true,
    versionProvider = Zhixin.Version.class,
    description = "Zhixin (智信): verifiable credentials and shareable credit on a trusted chain.",
    subcommands = {DemoCommand.class, DidCommand.class, VcCommand.class, ServeCommand.class, ChainCommand.class,
        WalletCommand.class, CreditCommand.class, CommandLine.HelpCommand.class})
public final class Zhixin {
  /** Exit code for a failure that is not the user's fault to fix by changing the command line. */
  static final int EXIT_FAILURE = 1;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Zhixin());
    // Known failures are one readable line on stderr, never a stack trace.
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (e instanceof CliException || e instanceof ChainException || e instanceof DevChainException
          || e instanceof KeyException || e instanceof IllegalArgumentException) {
        err.println("zhixin: " + e.getMessage());
      } else {
        err.println("zhixin: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      err.flush();
      return EXIT_FAILURE;
    });
    return cli;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Zhixin.class.getPackage().getImplementationVersion();
      return new String[] {"zhixin " + (version == null ? "(development build)" : version)};
    }
  }
}
