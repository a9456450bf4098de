package io.zhixin.samples.chancheng;

import io.zhixin.chain.Account;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.AttestationRegistry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.ChainContract;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.Receipt;
import io.zhixin.chain.SubsidyRegistry;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.VerificationResult;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.domain.DomainCredential;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.credentials.sdjwt.SdJwtPresentation;
import io.zhixin.credentials.sdjwt.SdJwtVcIssuer;
import io.zhixin.credentials.status.StatusEntry;
import io.zhixin.credentials.status.StatusListManager;
import io.zhixin.credentials.status.StatusPurpose;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolver;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.did.ethr.EthrDid;
import io.zhixin.did.ethr.EthrDidController;
import io.zhixin.did.ethr.EthrDidMethod;
import io.zhixin.did.ethr.EthrNetwork;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.did.web.DidWeb;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.trust.OnChainIssuerTrust;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.web3j.crypto.Credentials;

/**
 * The Chancheng district scenario on a chain: who is who (DIDs), who may issue what (on-chain
 * accreditation), what the citizen and the company hold (credentials), what a bank checks, what
 * attestors record, and a subsidy that cannot be claimed twice. Each step prints one line: what
 * happened, then the evidence.
 *
 * <p>The people here are invented. Their personal data stays in credentials and never reaches the
 * chain; {@link #personalData()} lists it so that a test can scan the chain for it.
 */
public final class ChanchengDemo {
  static final String HOST = "chancheng.gov.cn";
  private static final String BANK = "https://loans.bank.example";
  private static final String IDENTITY_VCT = DomainType.NATURAL_PERSON_IDENTITY.vct();
  private static final String ENTITY_VCT = DomainType.LEGAL_ENTITY.vct();

  // The invented citizen and company.
  private static final String CITIZEN_NAME = "陈小明";
  private static final String CITIZEN_ID_NUMBER = "440604199003071236";
  private static final String CITIZEN_BIRTH_DATE = "1990-03-07";
  private static final String CITIZEN_PHONE = "13800138000";
  private static final String COMPANY_NAME = "佛山禅信科技有限公司";
  private static final String COMPANY_CREDIT_CODE = "91440604MA4W7P2K3G";

  // Dev accounts: who sends which transactions.
  private static final int DISTRICT = 0;
  private static final int PUBLIC_SECURITY = 1;
  private static final int MARKET_SUPERVISION = 2;
  private static final int CIVIL_AFFAIRS = 3;
  private static final int COMPANY = 4;
  private static final int OFFICE_ZUMIAO = 8;
  private static final int OFFICE_SHIWAN = 9;
  private static final int[] ATTESTORS = {10, 11, 12, 13};
  private static final String[] ATTESTOR_NAMES = {"tax bureau", "social insurance", "water utility", "bank"};
  private static final String[] SCHEMAS = {"tax.paid-on-time", "social-insurance.contributing", "utility.paid-on-time", "bank.loan-repaid"};
  private static final String[] DIMENSIONS = {"compliance", "capacity", "credit_history", "credit_history"};

  private final PrintWriter out;
  private final SecureRandom random = new SecureRandom();

  public ChanchengDemo(PrintWriter out) {
    this.out = out;
  }

  /** The personal data the demo puts into credentials: none of it, nor a hash of it, may be on chain. */
  public static List<String> personalData() {
    return List.of(CITIZEN_NAME, CITIZEN_ID_NUMBER, CITIZEN_BIRTH_DATE, CITIZEN_PHONE);
  }

  /**
   * What a run left for a test to look for: the citizen's random subject id, whose hash is the
   * citizen's pseudonym on chain.
   */
  public record Outcome(String citizenSubjectId) {}

  public Outcome run(DevChain devChain) {
    out.println("Zhixin demo: Chancheng district (禅城区)");
    try (LocalDidWeb web = new LocalDidWeb(HOST)) {
      Run run = new Run(devChain, web);
      run.play();
      return new Outcome(run.citizenSubjectId);
    } finally {
      out.flush();
    }
  }

  /** One run: the state that the acts share. */
  private final class Run {
    private final DevChain devChain;
    private final LocalDidWeb web;
    private ZhixinChain district;
    private Deployment deployment;
    private DidResolver dids;
    private Did psbDid;
    private KeyPair psbKey;
    private Did amrDid;
    private KeyPair amrKey;
    private Did citizenDid;
    private KeyPair citizenKey;
    private String citizenSubjectId;
    private final Map<String, String> publishedStatusLists = new ConcurrentHashMap<>();

    Run(DevChain devChain, LocalDidWeb web) {
      this.devChain = devChain;
      this.web = web;
    }

    void play() {
      chain();
      dids();
      accreditation();
      credentials();
      attestations();
      subsidy();
      new CreditAct(out, devChain, deployment, onChainSubject(citizenSubjectId), citizenKey).play();
      if (devChain.isEmbedded()) {
        step("stopping", "the dev chain");
      }
    }

    private ZhixinChain as(int account) {
      return ZhixinChain.connect(devChain.rpcUrl(), Account.of(devChain.account(account)), deployment);
    }

    // --- 1. The chain -------------------------------------------------------------------------------

    private void chain() {
      section("1. The chain");
      step("chain", (devChain.isEmbedded() ? "embedded dev chain at " : "external node at ") + devChain.rpcUrl()
          + ", chain id " + devChain.chainId());
      ZhixinChain root = ZhixinChain.builder().rpcUrl(devChain.rpcUrl()).account(Account.of(devChain.account(DISTRICT))).build();
      deployment = root.deploy();
      district = root.withDeployment(deployment);
      step("deployed", deployment.contracts().size() + " contracts by block " + deployment.block()
          + "; the district authority " + short_(deployment.rootAuthority().toChecksumHex()) + " is the root of trust");
    }

    // --- 2. Who is who ------------------------------------------------------------------------------

    private void dids() {
      section("2. Who is who (DIDs)");
      String didRegistry = deployment.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex();
      dids = DidResolver.builder()
          .method(DidKey.method())
          .method(DidJwk.method())
          .method(web.method())
          .method(EthrDidMethod.builder().network(EthrNetwork.of(devChain.chainId(), devChain.rpcUrl(), didRegistry)).build())
          .cacheTtl(Duration.ZERO) // the demo changes DIDs and wants to see it at once
          .build();

      Did districtDid = EthrDid.fromAddress(devChain.chainId(), devChain.account(DISTRICT).getAddress());
      show("authority", districtDid, "district authority: did:ethr, its account owns the trust registry");

      psbKey = KeyPair.generate(KeyType.P256);
      psbDid = department("psb", psbKey, PUBLIC_SECURITY);
      show("department", psbDid, "public security bureau (公安局): did:web with a P-256 key, linked to its account");
      amrKey = KeyPair.generate(KeyType.P256);
      amrDid = department("amr", amrKey, MARKET_SUPERVISION);
      show("department", amrDid, "market supervision bureau (市场监管局)");

      citizenKey = KeyPair.generate(KeyType.P256);
      citizenDid = DidKey.create(citizenKey.publicJwk());
      show("citizen", citizenDid, "a did:key in the wallet: nothing about it on chain");

      Credentials companyAccount = devChain.account(COMPANY);
      Did companyDid = EthrDid.fromAddress(devChain.chainId(), companyAccount.getAddress());
      KeyPair rotated = KeyPair.generate(KeyType.SECP256K1);
      EthrDidController company = EthrDidController.builder().web3j(devChain.web3j()).chainId(devChain.chainId())
          .registry(didRegistry).credentials(companyAccount).build();
      company.changeOwner(EthrDid.address(rotated.publicJwk()));
      show("company", companyDid, "did:ethr; its key was just rotated to " + short_(EthrDid.address(rotated.publicJwk())));
    }

    /** A department: a did:web with a signing key, naming its chain account, which confirms the DID. */
    private Did department(String path, KeyPair key, int account) {
      Did did = DidWeb.create(HOST, path);
      Credentials chainAccount = devChain.account(account);
      DidDocument document = DidDocument.builder(did)
          .verificationMethod(VerificationMethod.jsonWebKey(did + "#key-1", did.toString(), key.publicJwk()),
              VerificationRelationship.AUTHENTICATION, VerificationRelationship.ASSERTION_METHOD)
          .verificationMethod(VerificationMethod.of(did + "#chain", "EcdsaSecp256k1RecoveryMethod2020", did.toString(),
              Map.of("blockchainAccountId", "eip155:" + devChain.chainId() + ":" + chainAccount.getAddress())))
          .build();
      web.publish(document);
      EthrDidController.builder().web3j(devChain.web3j()).chainId(devChain.chainId())
          .registry(deployment.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex()).credentials(chainAccount).build()
          .addService(OnChainIssuerTrust.LINK_SERVICE_TYPE, did.toString(), Duration.ofDays(3650));
      return did;
    }

    private void show(String who, Did did, String note) {
      DidDocument document = dids.resolve(did).orElseThrow();
      step(who, did + "  (" + note + "; " + document.verificationMethods().size() + " verification method"
          + (document.verificationMethods().size() == 1 ? "" : "s") + ", assertion: "
          + document.references(VerificationRelationship.ASSERTION_METHOD).stream().map(ChanchengDemo::fragment).toList() + ")");
    }

    // --- 3. Who may issue what ----------------------------------------------------------------------

    private void accreditation() {
      section("3. Who may issue what (on-chain accreditation)");
      TrustRegistry trust = district.trustRegistry();
      accredit(trust, PUBLIC_SECURITY, "public security bureau", IDENTITY_VCT);
      accredit(trust, MARKET_SUPERVISION, "market supervision bureau", ENTITY_VCT);
      accredit(trust, CIVIL_AFFAIRS, "civil affairs bureau", "zhixin:subsidy-agency");
      AttestationRegistry attestations = district.attestations();
      for (int i = 0; i < ATTESTORS.length; i++) {
        Bytes32 schema = schema(SCHEMAS[i]);
        attestations.registerSchema(schema, Bytes32.keccak(DIMENSIONS[i]), "1 = yes, -1 = no", true);
        accredit(trust, ATTESTORS[i], ATTESTOR_NAMES[i], "zhixin:schema:" + SCHEMAS[i]);
      }
    }

    private void accredit(TrustRegistry trust, int account, String who, String scope) {
      long id = trust.accredit(TrustRegistry.Grant.to(Account.of(devChain.account(account)).address()).scopes(Bytes32.keccak(scope)));
      step("accredited", who + " for " + scope + " (accreditation #" + id + ")");
    }

    // --- 4. Credentials -----------------------------------------------------------------------------

    private void credentials() {
      section("4. Credentials");
      Clock clock = chainClock();
      String statusUrl = "https://" + HOST + "/psb/status/1";
      StatusListManager psbStatus = StatusListManager.builder().issuer(psbDid.toString()).keyId(psbDid + "#key-1")
          .signer(psbKey.signer()).list(StatusPurpose.REVOCATION, statusUrl).clock(clock).build();
      StatusEntry statusEntry = psbStatus.allocate().get(0);
      publishStatus(psbStatus, statusUrl, 1);

      DomainCredential identity = DomainCredential.naturalPerson(CITIZEN_NAME, CITIZEN_ID_NUMBER, "440604", "佛山市禅城区", clock);
      citizenSubjectId = (String) identity.claims().get("subject_id");
      SdJwtVcIssuer psb = SdJwtVcIssuer.builder().signer(psbKey.signer()).issuer(psbDid.toString()).keyId(psbDid + "#key-1")
          .clock(clock).build();
      String identityCredential = psb.issue(IDENTITY_VCT, identity.sdClaims(), citizenKey.publicJwk(),
          clock.instant().plus(Duration.ofDays(3650)), List.of(statusEntry));
      step("issued", "identity credential (SD-JWT VC, " + identity.claims().size() + " claims, each selectively disclosable) "
          + "to the citizen; status list index " + statusEntry.index() + " of 131,072");

      Map<String, Object> companyClaims = new LinkedHashMap<>();
      companyClaims.put("unified_social_credit_code", COMPANY_CREDIT_CODE);
      companyClaims.put("name", COMPANY_NAME);
      companyClaims.put("entity_type", "limited liability company");
      companyClaims.put("legal_representative", Map.of("name", "林晓", "did", DidJwk.create(KeyPair.generate(KeyType.P256).publicJwk()).toString()));
      companyClaims.put("registration_authority", "佛山市禅城区市场监督管理局");
      companyClaims.put("establishment_date", "2019-06-18");
      companyClaims.put("registration_status", "active");
      DomainCredential entity = DomainCredential.of(DomainType.LEGAL_ENTITY, companyClaims, clock.instant());
      SdJwtVcIssuer amr = SdJwtVcIssuer.builder().signer(amrKey.signer()).issuer(amrDid.toString()).keyId(amrDid + "#key-1")
          .clock(clock).build();
      amr.issue(ENTITY_VCT, entity.sdClaims(), KeyPair.generate(KeyType.P256).publicJwk(), clock.instant().plus(Duration.ofDays(3650)), List.of());
      step("issued", "legal-entity credential to the company (credit code checked against GB 32100)");

      String nonce = HexFormat.of().formatHex(randomBytes(12));
      String presentation = SdJwtPresentation.builder(identityCredential)
          .disclose("name").disclose("age_over_18")
          .keyBinding(citizenKey.signer(), BANK, nonce)
          .clock(clock)
          .build();
      step("presented", "the citizen shows only name and age_over_18 to " + BANK + " (nonce " + nonce + ")");

      Verifier bank = Verifier.builder()
          .issuerKeys(DidIssuerKeys.of(dids))
          .issuerTrust(OnChainIssuerTrust.of(district.trustRegistry(), dids, devChain.chainId()))
          .acceptedTypes(IDENTITY_VCT)
          .requiredClaims("name", "age_over_18")
          .audience(BANK).nonce(nonce)
          .statusLists(url -> publishedStatusLists.get(url))
          .clock(clock)
          .build();
      VerificationResult accepted = bank.verify(presentation);
      if (!accepted.isVerified()) {
        throw new IllegalStateException("the bank refused a valid presentation: " + accepted.problems());
      }
      Map<String, Object> disclosed = accepted.orElseThrow().credential().claims();
      step("verified", "accepted after " + accepted.checks().size() + " checks, incl. on-chain accreditation of the issuer; "
          + "the bank sees name=" + disclosed.get("name") + ", age_over_18=" + disclosed.get("age_over_18")
          + " and nothing else of the " + identity.claims().size() + " claims");

      psbStatus.revoke(statusEntry);
      publishStatus(psbStatus, statusUrl, 2);
      step("revoked", "the public security bureau revokes the credential and anchors the new status list on chain");
      VerificationResult refused = bank.verify(presentation);
      if (refused.isVerified()) {
        throw new IllegalStateException("the bank accepted a revoked credential");
      }
      step("refused", "the bank now rejects the same presentation: "
          + refused.problems().stream().map(c -> c.code().code() + " (" + c.detail() + ")").toList());
    }

    /**
     * Wall-clock time moved up to the chain's. The dev chain mines a block per transaction, each at
     * least a second after the last, so after a burst of transactions its clock runs ahead of ours,
     * and an accreditation granted "now" on chain would start after a credential issued "now" here.
     */
    private Clock chainClock() {
      Duration ahead = Duration.between(Instant.now(), district.latestBlockTime().plusSeconds(1));
      return ahead.isNegative() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), ahead);
    }

    /** Serves the list at its URL and anchors its digest on chain, signed by the bureau's account. */
    private void publishStatus(StatusListManager manager, String url, long version) {
      String credential = manager.publish(StatusPurpose.REVOCATION);
      publishedStatusLists.put(url, credential);
      as(PUBLIC_SECURITY).statusLists().anchor(Bytes32.keccak(url), version, Bytes32.of(sha256(credential)));
    }

    // --- 5. Attestations ----------------------------------------------------------------------------

    private void attestations() {
      section("5. Attestations (pseudonymous, for the credit score)");
      Bytes32 subject = onChainSubject(citizenSubjectId);
      step("subject", "the citizen is " + short_(subject.toHex()) + " on chain: a hash of the random subject_id in the "
          + "identity credential, not of any personal data");
      for (int i = 0; i < ATTESTORS.length; i++) {
        AttestationEntry entry = AttestationEntry.of(schema(SCHEMAS[i]), subject, 1, Bytes32.of(randomBytes(32)))
            .expiringAt(Instant.now().plus(Duration.ofDays(365)));
        AttestationRegistry.Attested attested = as(ATTESTORS[i]).attestations().attest(entry);
        step("attested", ATTESTOR_NAMES[i] + ": " + SCHEMAS[i] + " = yes (block " + attested.blockNumber() + ")");
      }
    }

    // --- 6. Subsidy ---------------------------------------------------------------------------------

    private void subsidy() {
      section("6. A subsidy that no one can claim twice");
      Bytes32 programme = Bytes32.keccak("chancheng:senior-transport-subsidy:2026");
      ZhixinChain civilAffairs = as(CIVIL_AFFAIRS);
      civilAffairs.subsidies().openProgramme(SubsidyRegistry.Terms.of(programme, Bytes32.keccak("zhixin:subsidy-agency"),
          1_000_000, 500, Instant.now().plus(Duration.ofDays(90))));
      civilAffairs.subsidies().setOffice(programme, Account.of(devChain.account(OFFICE_ZUMIAO)).address(), true);
      civilAffairs.subsidies().setOffice(programme, Account.of(devChain.account(OFFICE_SHIWAN)).address(), true);
      step("opened", "civil affairs bureau: transport subsidy, 500 per person, offices in 祖庙 and 石湾");

      // Both offices derive the same nullifier with the programme's key: unlinkable to other programmes.
      byte[] programmeKey = randomBytes(32);
      Bytes32 nullifier = Bytes32.of(hmac(programmeKey, citizenSubjectId));
      SubsidyRegistry.ClaimOutcome first = as(OFFICE_ZUMIAO).subsidies().claim(programme, nullifier);
      if (!(first instanceof SubsidyRegistry.Claimed claimed)) {
        throw new IllegalStateException("the first claim was refused: " + first);
      }
      step("claimed", "at the 祖庙 office: paid " + claimed.amount() + " (claim #" + claimed.claimNumber() + ", gas "
          + claimed.receipt().gasUsed() + ")");
      SubsidyRegistry.ClaimOutcome second = as(OFFICE_SHIWAN).subsidies().claim(programme, nullifier);
      if (!(second instanceof SubsidyRegistry.AlreadyClaimed)) {
        throw new IllegalStateException("a second claim was not refused: " + second);
      }
      step("refused", "the same person at the 石湾 office: the chain says already claimed");
    }
  }

  /** The on-chain pseudonym of a subject id from an identity credential. */
  static Bytes32 onChainSubject(String subjectId) {
    return Bytes32.keccak(subjectId);
  }

  private static Bytes32 schema(String name) {
    return Bytes32.keccak("zhixin:schema:" + name);
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String fragment(String id) {
    int hash = id.indexOf('#');
    return hash < 0 ? id : id.substring(hash);
  }

  private static String short_(String hex) {
    return hex.length() > 14 ? hex.substring(0, 8) + "…" + hex.substring(hex.length() - 4) : hex;
  }

  private void section(String title) {
    out.println();
    out.println(title);
  }

  private void step(String what, String detail) {
    out.printf("  %-10s %s%n", what, detail);
    out.flush();
  }
}
