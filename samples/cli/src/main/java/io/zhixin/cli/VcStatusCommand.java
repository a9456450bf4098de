package io.zhixin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.zhixin.credentials.status.BitstringStatusList;
import io.zhixin.credentials.status.StatusPurpose;
import io.zhixin.did.Did;
import io.zhixin.keys.EncryptedKeyStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {"The issuer's W3C Bitstring Status Lists, kept in a file: create it, revoke, suspend and "
        + "reinstate credentials, publish the signed list credential.",
        "Every change locks the file and replaces it atomically."},
    subcommands = {VcStatusCommand.Create.class, VcStatusCommand.Revoke.class, VcStatusCommand.Suspend.class,
        VcStatusCommand.Reinstate.class, VcStatusCommand.Publish.class})
final class VcStatusCommand {

  private VcStatusCommand() {}

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Creates a status list file: a revocation list and, optionally, a suspension list.")
  static final class Create implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The status list file to create.")
    Path file;

    @Option(names = "--issuer", required = true, paramLabel = "DID", description = "The issuer the lists belong to.")
    String issuer;

    @Option(names = "--url", required = true, paramLabel = "URL",
        description = "Where the revocation list credential will be published.")
    String url;

    @Option(names = "--suspension-url", paramLabel = "URL",
        description = "Where the suspension list credential will be published (no suspension list without it).")
    String suspensionUrl;

    @Option(names = "--size", paramLabel = "N", defaultValue = "131072",
        description = "Entries per list, a multiple of 8, at least ${DEFAULT-VALUE} (the W3C minimum).")
    int size;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String did = Did.parse(issuer).toString();
      if (size < BitstringStatusList.MIN_SIZE || size % 8 != 0 || size > 8 * 1024 * 1024) {
        throw new CliException("--size must be a multiple of 8 from " + BitstringStatusList.MIN_SIZE
            + " to 8388608, found " + size);
      }
      Map<StatusPurpose, String> urls = new EnumMap<>(StatusPurpose.class);
      urls.put(StatusPurpose.REVOCATION, url);
      if (suspensionUrl != null) {
        if (suspensionUrl.equals(url)) {
          throw new CliException("the suspension list needs its own URL");
        }
        urls.put(StatusPurpose.SUSPENSION, suspensionUrl);
      }
      StatusListFile.create(file, did, urls, size);
      PrintWriter err = spec.commandLine().getErr();
      err.println("zhixin: created " + file + " with " + urls.keySet().stream().map(StatusPurpose::value).toList()
          + " lists of " + size + " entries for " + VcFiles.abbreviate(did));
      err.flush();
      return 0;
    }
  }

  /** Which credential: its file (its status entry names the index) or the index itself. */
  static final class Target {
    @Parameters(paramLabel = "CREDENTIAL", description = "The issued credential (vc+jwt or SD-JWT VC) whose status "
        + "entry names the index; - reads stdin.")
    String credential;

    @Option(names = "--index", paramLabel = "N", description = "The status list index instead of a credential.")
    Long index;
  }

  abstract static class Change implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The status list file.")
    Path file;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Spec CommandSpec spec;

    abstract StatusPurpose purpose();

    abstract boolean value();

    abstract String done();

    @Override
    public Integer call() {
      Long fromCredential = target.credential == null ? null : indexOf(target.credential);
      long index = fromCredential != null ? fromCredential : target.index;
      boolean[] before = new boolean[1];
      String url = StatusListFile.update(file, f -> {
        before[0] = f.get(purpose(), index);
        f.set(purpose(), index, value());
        return f.lists.get(purpose()).url;
      });
      PrintWriter out = spec.commandLine().getOut();
      out.println((before[0] == value() ? "already " : "") + done() + ": index " + index + " of " + url);
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      err.println("zhixin: publish the list again for verifiers to see it: zhixin vc status publish --file " + file
          + " --purpose " + purpose().value() + " --key ALIAS");
      err.flush();
      return 0;
    }

    /** The index in this purpose's list, from the credential's status entries (read, not verified). */
    private long indexOf(String credentialFile) {
      String token = VcFiles.read(credentialFile, "credential");
      JsonNode payload = VcFiles.unverifiedPayload(token);
      if (payload == null) {
        throw new CliException("the credential is not a vc+jwt or SD-JWT VC");
      }
      JsonNode entries = payload.has("credentialStatus") ? payload.get("credentialStatus")
          : payload.path("status").path("bitstring_status_list");
      String url = StatusListFile.read(file).lists.entrySet().stream().filter(e -> e.getKey() == purpose())
          .map(e -> e.getValue().url).findFirst()
          .orElseThrow(() -> new CliException("the status list file " + file + " has no " + purpose().value()
              + " list"));
      for (JsonNode e : entries.isArray() ? entries : List.of(entries)) {
        if (purpose().value().equals(e.path("statusPurpose").asText()) && url.equals(e.path("statusListCredential")
            .asText())) {
          try {
            return Long.parseLong(e.path("statusListIndex").asText());
          } catch (NumberFormatException ex) {
            throw new CliException("the credential's statusListIndex is not a number");
          }
        }
      }
      throw new CliException("the credential has no " + purpose().value() + " entry in the list " + url);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revokes a credential: sets its bit in the revocation list. Permanent.")
  static final class Revoke extends Change {
    @Override
    StatusPurpose purpose() {
      return StatusPurpose.REVOCATION;
    }

    @Override
    boolean value() {
      return true;
    }

    @Override
    String done() {
      return "revoked";
    }
  }

  @Command(name = "suspend", mixinStandardHelpOptions = true,
      description = "Suspends a credential: sets its bit in the suspension list (reversible with reinstate).")
  static final class Suspend extends Change {
    @Override
    StatusPurpose purpose() {
      return StatusPurpose.SUSPENSION;
    }

    @Override
    boolean value() {
      return true;
    }

    @Override
    String done() {
      return "suspended";
    }
  }

  @Command(name = "reinstate", mixinStandardHelpOptions = true,
      description = "Lifts a suspension: clears the credential's bit in the suspension list.")
  static final class Reinstate extends Change {
    @Override
    StatusPurpose purpose() {
      return StatusPurpose.SUSPENSION;
    }

    @Override
    boolean value() {
      return false;
    }

    @Override
    String done() {
      return "reinstated";
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Signs one list as a BitstringStatusListCredential (vc+jwt), to be served at its URL.")
  static final class Publish implements Callable<Integer> {
    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The status list file.")
    Path file;

    @Option(names = "--purpose", paramLabel = "PURPOSE", defaultValue = "revocation",
        description = "revocation (default) or suspension.")
    String purpose;

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "P1D",
        description = "How long the published list is valid (ISO-8601 duration, default ${DEFAULT-VALUE}).")
    String validity;

    @Option(names = "--out", paramLabel = "FILE", description = "Write it here (atomically) instead of stdout.")
    Path out;

    @Mixin VcCommand.IdentityOptions identity;
    @Mixin KeyStoreOptions keyStore;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      StatusPurpose p = StatusPurpose.parse(purpose);
      Duration d;
      try {
        d = Duration.parse(validity);
      } catch (DateTimeParseException e) {
        throw new CliException("--validity must be an ISO-8601 duration such as P1D or PT6H, found " + validity);
      }
      if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(366)) > 0) {
        throw new CliException("--validity must be positive and at most a year, found " + validity);
      }
      StatusListFile f = StatusListFile.read(file);
      String jwt;
      try (EncryptedKeyStore store = VcCommand.openExisting(keyStore)) {
        VcCommand.Identity id = identity.resolve(store);
        if (!id.did().equals(f.issuer)) {
          throw new CliException("the status list file belongs to " + VcFiles.abbreviate(f.issuer) + ", the key signs "
              + "for " + VcFiles.abbreviate(id.did()));
        }
        jwt = f.publish(p, id.signer(), id.kid(), Instant.now(), d);
      }
      if (out != null) {
        VcFiles.writeAtomically(out, jwt + "\n");
        spec.commandLine().getErr().println("zhixin: wrote the " + p.value() + " list credential to " + out
            + "; serve it at " + f.lists.get(p).url);
        spec.commandLine().getErr().flush();
      } else {
        spec.commandLine().getOut().println(jwt);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }
}
