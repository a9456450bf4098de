package io.zhixin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import io.zhixin.credentials.Check;
import io.zhixin.credentials.CheckCode;
import io.zhixin.credentials.IssuerKeyResolver;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.status.StatusListFetcher;
import io.zhixin.credentials.vc.VcJwtIssuer;
import io.zhixin.credentials.vc.VerifiableCredential;
import io.zhixin.credentials.vc.VpJwtPresentation;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.did.web.DidWeb;
import io.zhixin.keys.EncryptedKeyStore;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.PublicKeys;
import io.zhixin.keys.Signer;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.status.HttpStatusListFetcher;
import io.zhixin.vcapi.SdClaims;
import io.zhixin.vcapi.VerificationReports;
import java.time.Duration;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "vc",
    mixinStandardHelpOptions = true,
    description = "Issue, present and verify verifiable credentials (vc+jwt and SD-JWT VC); manage status lists.",
    subcommands = {VcCommand.Issue.class, VcCommand.Present.class, VcCommand.Verify.class, VcStatusCommand.class})
final class VcCommand {
  /** Exit code of {@code vc verify} for a credential or presentation that does not verify. */
  static final int EXIT_INVALID = 1;
  /** Exit code for a command line that cannot be carried out as given (picocli's usage code). */
  static final int EXIT_USAGE = 2;

  enum Format { vc_jwt, sd_jwt }

  enum DidMethodOption { key, jwk }

  private VcCommand() {}

  /** The DID resolver the vc commands use: did:key, did:jwk and did:web. */
  static DidResolver resolver() {
    return DidResolver.builder().method(DidKey.method()).method(DidJwk.method()).method(DidWeb.method()).build();
  }

  /**
   * Issuer keys from DIDs. With trusted issuers, the did:web of anyone else is not resolved: a credential naming
   * an untrusted did:web must not make this process connect to the host it names.
   */
  static IssuerKeyResolver issuerKeys(List<String> trusted) {
    IssuerKeyResolver dids = DidIssuerKeys.of(resolver());
    if (trusted.isEmpty()) {
      return dids;
    }
    java.util.Set<String> allowed = java.util.Set.copyOf(trusted);
    return (iss, kid) -> {
      String target = iss != null ? iss : kid == null ? "" : kid;
      int hash = target.indexOf('#');
      String did = hash >= 0 ? target.substring(0, hash) : target;
      return did.startsWith("did:web:") && !allowed.contains(did) ? null : dids.resolve(iss, kid);
    };
  }

  /** Opens the key store, which must exist: commands that use a key never create an empty store. */
  static EncryptedKeyStore openExisting(KeyStoreOptions keyStore) {
    if (!Files.isRegularFile(keyStore.file())) {
      throw new CliException("no key store at " + keyStore.file() + "; create a key first: zhixin did create "
          + "--method key --alias NAME");
    }
    return keyStore.openOrCreate();
  }

  /** Who signs: the key from the store, the issuer DID and the verification method id ({@code kid}). */
  record Identity(Signer signer, String did, String kid) {}

  /** Options naming the signing key and the DID it signs for. */
  static final class IdentityOptions {
    @Option(names = "--key", required = true, paramLabel = "ALIAS", description = "The signing key in the key store.")
    String alias;

    @Option(names = "--issuer", paramLabel = "DID",
        description = "The issuer DID (default: the did:key or did:jwk of --key, see --did-method).")
    String issuer;

    @Option(names = "--kid", paramLabel = "DID_URL",
        description = "The verification method of the issuer that holds the key (default: the did:key/did:jwk "
            + "method, or #key-1 of a did:web as 'zhixin did create' publishes it).")
    String kid;

    @Option(names = "--did-method", paramLabel = "METHOD", defaultValue = "key",
        description = "key (default) or jwk: the DID derived from --key when --issuer is not given.")
    DidMethodOption method;

    Identity resolve(EncryptedKeyStore store) {
      KeyPair key = store.get(alias);
      JWK pub = key.publicJwk();
      String did;
      String vm;
      if (issuer == null) {
        Did d = method == DidMethodOption.jwk ? DidJwk.create(pub) : DidKey.create(pub);
        did = d.toString();
        vm = method == DidMethodOption.jwk ? DidJwk.verificationMethodId(d) : DidKey.verificationMethodId(d);
      } else {
        Did d = Did.parse(issuer);
        did = d.toString();
        switch (d.method()) {
          case DidKey.METHOD -> {
            requireSame(d, DidKey.create(pub));
            vm = DidKey.verificationMethodId(d);
          }
          case DidJwk.METHOD -> {
            requireSame(d, DidJwk.create(pub));
            vm = DidJwk.verificationMethodId(d);
          }
          case DidWeb.METHOD -> vm = did + "#key-1";
          default -> vm = null;
        }
      }
      if (kid != null) {
        String k = kid.startsWith("#") ? did + kid : kid;
        if (!k.startsWith(did + "#")) {
          throw new CliException("--kid " + kid + " is not a verification method of " + did);
        }
        if (vm != null && (did.startsWith("did:key:") || did.startsWith("did:jwk:")) && !k.equals(vm)) {
          throw new CliException("the key of " + VcFiles.abbreviate(did) + " is " + vm + ", not " + kid);
        }
        vm = k;
      }
      if (vm == null) {
        throw new CliException("give --kid: which verification method of " + did + " holds the key '" + alias + "'");
      }
      return new Identity(key.signer(), did, vm);
    }

    private void requireSame(Did given, Did ofKey) {
      if (!given.equals(ofKey)) {
        throw new CliException("the key '" + alias + "' is not the key of " + VcFiles.abbreviate(given.toString())
            + "; its DID is " + VcFiles.abbreviate(ofKey.toString()));
      }
    }
  }

  @Command(name = "issue", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Issues a credential and prints it (a compact vc+jwt or an SD-JWT VC).",
          "vc+jwt: the input is a W3C VC 2.0 credential; its issuer is set to the signing DID when absent.",
          "sd-jwt: the input is the SD-JWT VC claim set with a vct (and optionally exp); --sd makes claims "
              + "selectively disclosable."})
  static final class Issue implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", defaultValue = "-", description = "The credential JSON; - (default) reads stdin.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "vc+jwt",
        description = "vc+jwt (default) or sd-jwt.", converter = FormatConverter.class)
    Format format;

    @Option(names = "--sd", paramLabel = "PATH", split = ",",
        description = "sd-jwt: claims to make selectively disclosable, as names (name, address/locality) or JSON "
            + "pointers (/nationalities/0).")
    List<String> sd = new ArrayList<>();

    @Option(names = "--decoys", paramLabel = "N", defaultValue = "0",
        description = "sd-jwt: decoy digests to add at the top level (0..100), hiding how many claims there are.")
    int decoys;

    @Option(names = "--holder-key", paramLabel = "JWK_FILE|DID|ALIAS",
        description = "sd-jwt: bind the credential to this holder key (cnf): a public JWK file, a did:key/did:jwk, "
            + "or an alias in the key store.")
    String holderKey;

    @Option(names = "--status-list", paramLabel = "FILE",
        description = "Allocate a status entry in this status list file (see 'vc status create') and embed it.")
    Path statusList;

    @Mixin IdentityOptions identity;
    @Mixin KeyStoreOptions keyStore;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      if (format == Format.vc_jwt && (!sd.isEmpty() || holderKey != null || decoys != 0)) {
        throw new CliException("--sd, --decoys and --holder-key are for --format sd-jwt; a vc+jwt credential names "
            + "its holder in credentialSubject.id");
      }
      if (decoys < 0 || decoys > 100) {
        throw new CliException("--decoys must be 0..100, found " + decoys);
      }
      ObjectNode json = VcFiles.object(VcFiles.read(input, "credential"), "the credential");
      String out;
      try (EncryptedKeyStore store = VcCommand.openExisting(keyStore)) {
        Identity id = identity.resolve(store);
        JWK holder = holderKey == null ? null : holderKey(holderKey, store);
        if (format == Format.vc_jwt) {
          out = issueVcJwt(json, id);
        } else {
          out = issueSdJwt(json, id, holder);
        }
      }
      PrintWriter w = spec.commandLine().getOut();
      w.println(out);
      w.flush();
      return 0;
    }

    private String issueVcJwt(ObjectNode json, Identity id) {
      JsonNode iss = json.get("issuer");
      if (iss == null) {
        json.put("issuer", id.did());
      } else {
        String named = iss.isTextual() ? iss.textValue() : iss.path("id").asText("");
        if (!named.equals(id.did())) {
          throw new CliException("the credential's issuer " + VcFiles.abbreviate(named) + " is not the signing DID "
              + VcFiles.abbreviate(id.did()));
        }
      }
      if (statusList != null) {
        if (json.has("credentialStatus")) {
          throw new CliException("the credential already has a credentialStatus; drop it or --status-list");
        }
        VerifiableCredential.parse(json.toString()); // refuse an invalid credential before allocating
        List<StatusEntry> entries = allocate(id.did());
        ArrayNode a = json.putArray("credentialStatus");
        entries.forEach(e -> a.add(statusJson(e)));
      }
      VerifiableCredential vc = VerifiableCredential.parse(json.toString());
      return VcJwtIssuer.builder().signer(id.signer()).issuer(id.did()).keyId(id.kid()).build().issue(vc);
    }

    private String issueSdJwt(ObjectNode json, Identity id, JWK holder) {
      if (json.has("@context") || json.has("credentialSubject")) {
        throw new CliException("this is a W3C credential (@context, credentialSubject): issue it as --format vc+jwt;"
            + " --format sd-jwt takes SD-JWT VC claims with a vct");
      }
      JsonNode vct = json.remove("vct");
      if (vct == null || !vct.isTextual() || vct.textValue().isBlank()) {
        throw new CliException("an SD-JWT VC needs a vct (its type), e.g. \"vct\": \"https://zhixin.io/vct/identity\"");
      }
      JsonNode iss = json.remove("iss");
      if (iss != null && !id.did().equals(iss.asText())) {
        throw new CliException("the claims' iss " + VcFiles.abbreviate(iss.asText()) + " is not the signing DID "
            + VcFiles.abbreviate(id.did()));
      }
      JsonNode exp = json.remove("exp");
      Instant validUntil = null;
      if (exp != null) {
        if (!exp.canConvertToLong() || exp.asLong() <= 0) {
          throw new CliException("exp must be a NumericDate (seconds since 1970), found " + exp);
        }
        validUntil = Instant.ofEpochSecond(exp.asLong());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> claims = VcFiles.JSON.convertValue(json, LinkedHashMap.class);
      var sdClaims = SdClaims.of(claims, sd, decoys);
      SdJwtVcIssuer issuer = SdJwtVcIssuer.builder().signer(id.signer()).issuer(id.did()).keyId(id.kid()).build();
      issuer.issue(vct.textValue(), sdClaims, holder, validUntil, List.of()); // refuse bad claims before allocating
      List<StatusEntry> status = statusList == null ? List.of() : allocate(id.did());
      return issuer.issue(vct.textValue(), sdClaims, holder, validUntil, status);
    }

    private List<StatusEntry> allocate(String did) {
      return StatusListFile.update(statusList, f -> {
        if (!f.issuer.equals(did)) {
          throw new CliException("the status list file " + statusList + " belongs to " + VcFiles.abbreviate(f.issuer)
              + ", not to " + VcFiles.abbreviate(did));
        }
        return f.allocate();
      });
    }
  }

  static ObjectNode statusJson(StatusEntry e) {
    ObjectNode o = VcFiles.JSON.createObjectNode();
    o.put("id", e.listCredential() + "#" + e.index());
    o.put("type", "BitstringStatusListEntry");
    o.put("statusPurpose", e.purpose().value());
    o.put("statusListIndex", Long.toString(e.index()));
    o.put("statusListCredential", e.listCredential());
    return o;
  }

  /** A holder's public key: a JWK file, a did:key / did:jwk, or an alias in the store. */
  static JWK holderKey(String value, EncryptedKeyStore store) {
    if (value.startsWith("did:")) {
      JWK k = DidIssuerKeys.of(resolver()).resolve(value, null);
      if (k == null) {
        throw new CliException("no single key in the DID document of " + VcFiles.abbreviate(value)
            + "; give a JWK file or an alias");
      }
      return k;
    }
    Path p;
    try {
      p = Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      p = null;
    }
    if (p != null && Files.isRegularFile(p)) {
      return PublicKeys.parse(VcFiles.read(value, "holder key"));
    }
    if (!store.contains(value)) {
      throw new CliException("--holder-key " + value + " is neither a JWK file, a DID nor a key in "
          + store.file());
    }
    return store.get(value).publicJwk();
  }

  @Command(name = "present", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Presents a credential: an SD-JWT VC with chosen disclosures and a key binding JWT, or a "
          + "vc+jwt inside a holder-signed vp+jwt. Prints the presentation.",
          "--list prints the disclosable claim paths instead."})
  static final class Present implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", defaultValue = "-", description = "The issued credential; - (default) reads stdin.")
    String input;

    @Option(names = "--disclose", paramLabel = "PATH", split = ",",
        description = "Claims to disclose (SD-JWT), e.g. --disclose name,age_over_18 or address/locality.")
    List<String> disclose = new ArrayList<>();

    @Option(names = "--disclose-all", description = "Disclose every claim (SD-JWT).")
    boolean all;

    @Option(names = "--list", description = "Print the disclosable claim paths and exit.")
    boolean list;

    @Option(names = "--aud", paramLabel = "AUDIENCE", description = "The verifier the presentation is for.")
    String aud;

    @Option(names = "--nonce", paramLabel = "NONCE", description = "The verifier's nonce (challenge).")
    String nonce;

    @Option(names = "--key", paramLabel = "ALIAS", description = "The holder's key in the key store.")
    String key;

    @Option(names = "--holder", paramLabel = "DID",
        description = "vc+jwt: the holder DID of the vp+jwt (default: the did:key of --key).")
    String holder;

    @Mixin KeyStoreOptions keyStore;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      String credential = VcFiles.read(input, "credential").strip();
      if (credential.isEmpty()) {
        throw new CliException("the credential is empty");
      }
      boolean sdJwt = credential.indexOf('~') >= 0;
      PrintWriter out = spec.commandLine().getOut();
      if (list) {
        if (!sdJwt) {
          throw new CliException("--list is for SD-JWT credentials; a vc+jwt has no selectively disclosable claims");
        }
        SdJwtPresentation.disclosablePaths(credential).stream().sorted().forEach(out::println);
        out.flush();
        return 0;
      }
      boolean binding = aud != null || nonce != null || key != null;
      if (binding && (aud == null || nonce == null || key == null)) {
        throw new CliException("key binding needs all of --key, --aud and --nonce");
      }
      String presentation;
      if (sdJwt) {
        presentation = presentSdJwt(credential, binding);
      } else {
        if (!disclose.isEmpty() || all) {
          throw new CliException("--disclose is for SD-JWT credentials; a vc+jwt is presented whole");
        }
        if (!binding) {
          throw new CliException("a vc+jwt is presented in a holder-signed vp+jwt: give --key, --aud and --nonce");
        }
        presentation = presentVcJwt(credential);
      }
      out.println(presentation);
      out.flush();
      return 0;
    }

    private String presentSdJwt(String credential, boolean binding) {
      SdJwtPresentation.Builder b = SdJwtPresentation.builder(credential);
      if (all) {
        b.discloseAll();
      }
      disclose.forEach(b::disclose);
      JsonNode payload = VcFiles.unverifiedPayload(credential);
      JsonNode cnf = payload == null ? null : payload.at("/cnf/jwk");
      if (binding) {
        try (EncryptedKeyStore store = VcCommand.openExisting(keyStore)) {
          KeyPair k = store.get(key);
          if (cnf != null && cnf.isObject()) {
            String bound;
            try {
              bound = PublicKeys.thumbprint(PublicKeys.parse(cnf.toString()));
            } catch (RuntimeException e) {
              throw new CliException("the credential's cnf.jwk is not a valid public key");
            }
            if (!bound.equals(k.thumbprint())) {
              throw new CliException("the key '" + key + "' is not the key this credential is bound to");
            }
          } else {
            throw new CliException("the credential is not bound to a holder key (no cnf.jwk); present it without "
                + "--key, --aud and --nonce");
          }
          b.keyBinding(k.signer(), aud, nonce);
        }
      } else if (cnf != null && cnf.isObject()) {
        spec.commandLine().getErr().println("zhixin: warning: no key binding; verifiers that require it (the "
            + "default) will refuse this presentation. Give --key, --aud and --nonce.");
        spec.commandLine().getErr().flush();
      }
      return b.build();
    }

    private String presentVcJwt(String credential) {
      try (EncryptedKeyStore store = VcCommand.openExisting(keyStore)) {
        KeyPair k = store.get(key);
        String did;
        String kid;
        if (holder == null) {
          Did d = DidKey.create(k.publicJwk());
          did = d.toString();
          kid = DidKey.verificationMethodId(d);
        } else {
          IdentityOptions o = new IdentityOptions();
          o.alias = key;
          o.issuer = holder;
          o.method = DidMethodOption.key;
          Identity id = o.resolve(store);
          did = id.did();
          kid = id.kid();
        }
        return VpJwtPresentation.builder().signer(k.signer()).holder(did).keyId(kid).credential(credential)
            .audience(aud).nonce(nonce).build();
      }
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false,
      description = {"Verifies a credential or presentation (vc+jwt, vp+jwt, SD-JWT VC) and prints a JSON report "
          + "with every check and the disclosed claims.",
          "Exit codes: 0 valid, 1 invalid, 2 usage."},
      exitCodeListHeading = "Exit codes:%n",
      exitCodeList = {"0:valid", "1:invalid", "2:usage error (bad option, unreadable input, bad key file)"})
  static final class Verify implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The credential or presentation; - reads stdin.")
    String input;

    @Option(names = "--issuer-key", paramLabel = "JWK_FILE",
        description = "The issuer's public key as a JWK file (default: resolve the issuer's DID: did:key, did:jwk, "
            + "did:web).")
    Path issuerKey;

    @Option(names = "--issuer", paramLabel = "DID",
        description = "With --issuer-key: the issuer the key belongs to; other keys (a vp+jwt holder's) are "
            + "resolved from DIDs.")
    String issuer;

    @Option(names = "--trusted-issuer", paramLabel = "DID",
        description = "Accept only these issuers (repeatable; default: any issuer, reported as a warning).")
    List<String> trusted = new ArrayList<>();

    @Option(names = "--type", paramLabel = "TYPE",
        description = "Accept only these credential types / vct values (repeatable; default: any).")
    List<String> types = new ArrayList<>();

    @Option(names = "--require-claim", paramLabel = "PATH", split = ",",
        description = "Claims that must be disclosed, e.g. name,age_over_18.")
    List<String> requiredClaims = new ArrayList<>();

    @Option(names = "--aud", paramLabel = "AUDIENCE",
        description = "Expected audience of the key binding JWT / presentation (makes key binding required).")
    String aud;

    @Option(names = "--nonce", paramLabel = "NONCE",
        description = "Expected nonce of the key binding JWT / presentation (makes key binding required).")
    String nonce;

    @Option(names = "--require-key-binding", description = "Refuse an SD-JWT without a key binding JWT.")
    boolean requireKeyBinding;

    @Option(names = "--at", paramLabel = "TIME",
        description = "Verify as of this moment (ISO-8601, e.g. 2026-12-01T08:00:00Z): validity, key binding "
            + "freshness and status are judged then. Default: now.")
    String at;

    @Option(names = "--alg", paramLabel = "ALG", split = ",",
        description = "Accepted algorithms (default: ES256,EdDSA,ES256K).")
    List<String> algs = new ArrayList<>();

    @Option(names = "--status-list-credential", paramLabel = "FILE",
        description = "A published status list credential (vc+jwt) to use instead of fetching its URL "
            + "(repeatable).")
    List<Path> statusFiles = new ArrayList<>();

    @Option(names = "--ignore-status", description = "Do not check revocation or suspension.")
    boolean ignoreStatus;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Verifier verifier;
      Instant when;
      Map<String, Object> policy = new LinkedHashMap<>();
      String text;
      try {
        when = at == null ? Instant.now() : parseTime(at);
        verifier = verifier(when, policy);
        text = VcFiles.readOrNull(input, "input");
      } catch (CliException | IllegalArgumentException | IllegalStateException | io.zhixin.keys.KeyException e) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("zhixin: " + e.getMessage());
        err.flush();
        return EXIT_USAGE;
      }
      Map<String, Object> report;
      if (text == null) {
        report = VerificationReports.toMap(false, List.of(Check.failed(CheckCode.TOO_LARGE,
            "input exceeds " + VcFiles.MAX_INPUT + " bytes; refused before parsing")));
      } else {
        VerificationResult r = verifier.verify(text);
        report = VerificationReports.toMap(r);
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("verifiedAt", when.toString());
      out.putAll(report);
      out.put("policy", policy);
      PrintWriter w = spec.commandLine().getOut();
      w.println(VcFiles.pretty(out));
      w.flush();
      return Boolean.TRUE.equals(report.get("verified")) ? 0 : EXIT_INVALID;
    }

    static Instant parseTime(String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return java.time.LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e2) {
          throw new CliException("--at must be an ISO-8601 time such as 2026-12-01T08:00:00Z, found " + s);
        }
      }
    }

    private Verifier verifier(Instant when, Map<String, Object> policy) {
      Verifier.Builder b = Verifier.builder().clock(Clock.fixed(when, ZoneOffset.UTC));
      IssuerKeyResolver dids = issuerKeys(trusted);
      if (issuerKey != null) {
        JWK fixed = PublicKeys.parse(VcFiles.read(issuerKey.toString(), "issuer key"));
        b.issuerKeys((iss, kid) -> issuer == null || issuer.equals(iss) ? fixed : dids.resolve(iss, kid));
        policy.put("issuerKey", "JWK file " + issuerKey + (issuer == null ? "" : " for " + issuer));
      } else {
        if (issuer != null) {
          throw new CliException("--issuer goes with --issuer-key; to accept only one issuer use --trusted-issuer");
        }
        b.issuerKeys(dids);
        policy.put("issuerKey", "resolved from the issuer's DID (did:key, did:jwk, did:web)");
      }
      if (trusted.isEmpty()) {
        b.acceptAnyIssuer();
        policy.put("issuers", "any (not checked)");
      } else {
        b.trustedIssuers(trusted.toArray(String[]::new));
        policy.put("issuers", trusted);
      }
      if (types.isEmpty()) {
        b.acceptAnyType();
        policy.put("types", "any (not checked)");
      } else {
        b.acceptedTypes(types.toArray(String[]::new));
        policy.put("types", types);
      }
      b.requiredClaims(requiredClaims.toArray(String[]::new));
      if (aud != null) {
        b.audience(aud);
      } else {
        b.ignoreAudience();
      }
      if (nonce != null) {
        b.nonce(nonce);
      } else {
        b.ignoreNonce();
      }
      policy.put("audience", aud == null ? "not checked" : aud);
      policy.put("nonce", nonce == null ? "not checked" : nonce);
      boolean kb = requireKeyBinding || aud != null || nonce != null;
      if (!kb) {
        b.allowMissingKeyBinding();
      }
      policy.put("keyBinding", kb ? "required" : "checked when present");
      List<JWSAlgorithm> accepted = new ArrayList<>();
      for (String a : algs.isEmpty() ? List.of("ES256", "EdDSA", "ES256K") : algs) {
        accepted.add(JWSAlgorithm.parse(a.strip()));
      }
      b.acceptedAlgorithms(accepted.toArray(JWSAlgorithm[]::new));
      policy.put("algorithms", accepted.stream().map(JWSAlgorithm::getName).toList());
      if (ignoreStatus) {
        if (!statusFiles.isEmpty()) {
          throw new CliException("--ignore-status and --status-list-credential contradict each other");
        }
        b.ignoreStatus();
        policy.put("status", "not checked");
      } else {
        b.statusLists(statusFetcher());
        policy.put("status", statusFiles.isEmpty() ? "fetched from the list URLs"
            : "from " + statusFiles + ", else fetched from the list URLs");
      }
      return b.build();
    }

    private StatusListFetcher statusFetcher() {
      Map<String, String> local = new HashMap<>();
      for (Path f : statusFiles) {
        String jwt = VcFiles.read(f.toString(), "status list credential").strip();
        JsonNode payload = VcFiles.unverifiedPayload(jwt);
        String id = payload == null ? "" : payload.path("id").asText("");
        if (id.isEmpty()) {
          throw new CliException("the status list credential " + f + " is not a vc+jwt with an id");
        }
        local.put(id, jwt);
      }
      StatusListFetcher http = HttpStatusListFetcher.create(Duration.ofSeconds(10));
      return url -> local.containsKey(url) ? local.get(url) : http.fetch(url);
    }
  }

  /** Accepts vc+jwt / sd-jwt (and the enum spellings). */
  static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
        case "vc+jwt", "vc-jwt", "vc_jwt", "jwt" -> Format.vc_jwt;
        case "sd-jwt", "sd_jwt", "dc+sd-jwt", "vc+sd-jwt", "sd-jwt-vc" -> Format.sd_jwt;
        default -> throw new picocli.CommandLine.TypeConversionException(
            "expected vc+jwt or sd-jwt, found '" + value + "'");
      };
    }
  }
}
