package io.zhixin.samples.portals;

import io.zhixin.credentials.domain.DomainCredential;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.credit.epoch.CreditScoreCredential;
import io.zhixin.did.Did;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.oid4vci.CredentialConfiguration;
import io.zhixin.oid4vci.CredentialData;
import io.zhixin.oid4vci.CredentialIssuerService;
import io.zhixin.oid4vci.CredentialOffer;
import io.zhixin.oid4vp.VerifierService;
import io.zhixin.testkit.DevChain;
import io.zhixin.wallet.Wallet;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Chancheng web portals on loopback: the bureaus' OpenID4VCI issuers, the citizen portal and the bank's loan
 * pre-check, each with its OpenID4VP verifier, on free {@code 127.0.0.1} ports, over a district set up on a dev
 * chain. {@link #close()} stops every server it started (not the chain, which belongs to the caller).
 *
 * <pre>{@code
 * try (DevChain chain = DevChain.start(); Portals portals = Portals.start(chain)) {
 *   portals.provisionDemoWallet(walletDir, password);   // the demo citizen's credentials, received over OpenID4VCI
 *   portals.printUrls(out);
 *   ...
 * }
 * }</pre>
 */
public final class Portals implements AutoCloseable {
  /** The invented citizen of the portals: aged over 60, agent of the invented company. */
  public static final String CITIZEN_NAME = "陈国强";
  public static final String COMPANY_NAME = "佛山禅信科技有限公司";
  static final String COMPANY_CREDIT_CODE = "91440604MA4W7P2K3G";
  static final String CITIZEN_ID_NUMBER = residentId("44060419550307123");

  private final District district;
  private final List<AutoCloseable> started = new ArrayList<>();
  private final WebServer issuers;
  private final WebServer citizen;
  private final WebServer bank;
  private final CredentialIssuerService psbIssuer;
  private final CredentialIssuerService amrIssuer;
  private final CredentialIssuerService civilIssuer;
  private final CredentialIssuerService creditIssuer;

  private Portals(DevChain chain) {
    this.district = District.setUp(chain);
    started.add(district);
    try {
      issuers = serve(new WebServer("issuers"));
      citizen = serve(new WebServer("citizen-portal"));
      bank = serve(new WebServer("bank-portal"));
      Clock clock = district.clock;
      psbIssuer = issuer(district.psb, "/psb", clock,
          CredentialConfiguration.sdJwt("identity", DomainType.NATURAL_PERSON_IDENTITY.vct()).displayName("居民身份凭证")
              .build(),
          CredentialConfiguration.sdJwt("residence", DomainType.RESIDENCE_CERTIFICATE.vct()).displayName("居住证明")
              .build());
      amrIssuer = issuer(district.amr, "/amr", clock,
          CredentialConfiguration.sdJwt("legal-entity", DomainType.LEGAL_ENTITY.vct()).displayName("企业法人凭证").build(),
          CredentialConfiguration.sdJwt("authorisation", DomainType.AUTHORISATION.vct()).displayName("企业授权书").build());
      civilIssuer = issuer(district.civilAffairs, "/mzj", clock,
          CredentialConfiguration.sdJwt("senior", DomainType.QUALIFICATION.vct()).displayName("老年人资格凭证").build());

      creditIssuer = issuer(district.creditBureau, "/credit", clock,
          CredentialConfiguration.sdJwt("credit-score", CreditScoreCredential.VCT).displayName("智信分").build());

      VerifierService citizenVerifier = verifier(citizen, DomainType.NATURAL_PERSON_IDENTITY.vct());
      CitizenPortal citizenPortal = new CitizenPortal(district, citizenVerifier, psbIssuer, civilIssuer);
      citizen.pages(citizenPortal::handle);
      VerifierService bankVerifier = verifier(bank, DomainType.LEGAL_ENTITY.vct(), DomainType.AUTHORISATION.vct(),
          DomainType.NATURAL_PERSON_IDENTITY.vct(), CreditScoreCredential.VCT);
      BankPortal bankPortal = new BankPortal(district, bankVerifier);
      bank.pages(bankPortal::handle);

      issuers.start();
      citizen.start();
      bank.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Sets up the district on {@code chain} (deploys the contracts, registers and accredits the bureaus, opens the
   * subsidy programme) and starts the servers.
   */
  public static Portals start(DevChain chain) {
    return new Portals(Objects.requireNonNull(chain, "chain"));
  }

  /** The citizen portal's home page. */
  public String citizenUrl() {
    return citizen.baseUrl() + "/";
  }

  /** The bank's loan pre-check page. */
  public String bankUrl() {
    return bank.baseUrl() + "/";
  }

  /** The public security bureau's OpenID4VCI issuer URL. */
  public String identityIssuerUrl() {
    return psbIssuer.issuerUrl();
  }

  /** The district set up on the chain (tests read its deployment). */
  District district() {
    return district;
  }

  /** The district's DID resolver: did:key, did:jwk, and did:ethr on the chain. */
  public io.zhixin.did.DidResolver didResolver() {
    return district.dids;
  }

  /** The clock of the portals: wall-clock time moved up to the dev chain's block time. */
  public Clock clock() {
    return district.clock;
  }

  /**
   * Opens (or creates) a wallet in {@code dir} and has it receive, over OpenID4VCI, what the demo citizen holds: an
   * identity credential from the public security bureau, a credit-score credential from the credit bureau (after
   * attestors wrote the citizen's credit history on chain and the bureau published an epoch), and from the market
   * supervision bureau the company's
   * legal-entity credential and the company's authorisation naming the citizen's wallet as its agent.
   *
   * @return the wallet's holder DID
   */
  public String provisionDemoWallet(Path dir, char[] password) {
    try (Wallet w = openWallet(dir, password)) {
      Clock clock = district.clock;
      DomainCredential identity = DomainCredential.naturalPerson(CITIZEN_NAME, CITIZEN_ID_NUMBER, "440604",
          "广东省佛山市禅城区", clock);
      receive(w, psbIssuer.offer("identity", CredentialData.sdJwt(identity.sdClaims())
          .validUntil(clock.instant().plus(Duration.ofDays(3650)))));
      // Attestors write the citizen's credit history on chain; the bureau publishes an epoch and issues the score.
      receive(w, creditIssuer.offer("credit-score", CredentialData.sdJwt(
          district.credit.scoreClaims((String) identity.claims().get("subject_id")))
          .validUntil(district.clock.instant().plus(Duration.ofDays(90)))));

      Map<String, Object> company = new LinkedHashMap<>();
      company.put("unified_social_credit_code", COMPANY_CREDIT_CODE);
      company.put("name", COMPANY_NAME);
      company.put("entity_type", "有限责任公司 / limited liability company");
      company.put("legal_representative", Map.of("name", CITIZEN_NAME, "did", w.holderDid()));
      company.put("registration_authority", "佛山市禅城区市场监督管理局");
      company.put("establishment_date", "2019-06-18");
      company.put("registration_status", "active");
      receive(w, amrIssuer.offer("legal-entity", CredentialData.sdJwt(
          DomainCredential.of(DomainType.LEGAL_ENTITY, company, clock.instant()).sdClaims())));

      Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Map<String, Object> mandate = new LinkedHashMap<>();
      mandate.put("company_uscc", COMPANY_CREDIT_CODE);
      mandate.put("company_name", COMPANY_NAME);
      mandate.put("agent_did", w.holderDid());
      mandate.put("agent_name", CITIZEN_NAME);
      mandate.put("scopes", List.of(BankPortal.LOAN_SCOPE, "tax_filing"));
      mandate.put("valid_from", now.toString());
      mandate.put("valid_until", now.plus(Duration.ofDays(365)).toString());
      receive(w, amrIssuer.offer("authorisation", CredentialData.sdJwt(
          DomainCredential.of(DomainType.AUTHORISATION, mandate, now).sdClaims())));
      return w.holderDid();
    }
  }

  /** A wallet in {@code dir} that resolves the district's DIDs and keeps the portals' clock. */
  public Wallet openWallet(Path dir, char[] password) {
    return Wallet.builder().directory(dir).password(password).didResolver(district.dids).clock(district.clock).open();
  }

  private static void receive(Wallet w, CredentialOffer offer) {
    w.receive(offer.byReferenceUri(), offer.txCode().orElse(null));
  }

  /** Prints where everything is. */
  public void printUrls(PrintWriter out) {
    out.println("  citizen portal 市民服务门户   " + citizenUrl());
    out.println("  bank portal    银行贷款预审   " + bankUrl());
    out.println("  issuers        发证机关       " + psbIssuer.issuerUrl() + ", " + amrIssuer.issuerUrl() + ", "
        + civilIssuer.issuerUrl() + ", " + creditIssuer.issuerUrl());
    out.flush();
  }

  private WebServer serve(WebServer server) {
    started.add(server);
    return server;
  }

  private CredentialIssuerService issuer(District.Bureau bureau, String path, Clock clock,
      CredentialConfiguration... configurations) {
    CredentialIssuerService.Builder b = CredentialIssuerService.builder()
        .issuerUrl(issuers.baseUrl() + path)
        .signer(bureau.key().signer(), bureau.did().toString(), bureau.keyId())
        .displayName(bureau.zh() + " / " + bureau.en())
        .didResolver(district.dids)
        .clock(clock);
    for (CredentialConfiguration c : configurations) {
      b.configuration(c);
    }
    CredentialIssuerService service = b.build();
    service.mount(issuers.jdkServer(), path);
    return service;
  }

  /** A verifier mounted at {@code /vp} of the portal's server, signing its requests with a did:jwk of its own. */
  private VerifierService verifier(WebServer server, String... acceptedTypes) {
    KeyPair key = KeyPair.generate(KeyType.P256);
    Did did = DidJwk.create(key.publicJwk());
    VerifierService v = VerifierService.builder()
        .baseUrl(server.baseUrl() + "/vp")
        .requestSigner(key.signer(), did.toString(), DidJwk.verificationMethodId(did))
        .verifier(clientId -> district.verifier(clientId, acceptedTypes))
        .clock(district.clock)
        .build();
    v.mount(server.jdkServer(), "/vp");
    return v;
  }

  /** Appends the ISO 7064 MOD 11-2 check character of GB 11643 to the first 17 characters. */
  static String residentId(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = (1 << (17 - i)) % 11;
      sum += (first17.charAt(i) - '0') * weight;
    }
    int check = (12 - sum % 11) % 11;
    return first17 + (check == 10 ? "X" : String.valueOf(check));
  }

  /** Stops the servers and closes the district's chain connections; the chain itself is the caller's. */
  @Override
  public void close() {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception ignored) {
        // stopping servers: nothing more to do
      }
    }
    started.clear();
  }
}
