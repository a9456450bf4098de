package io.zhixin.samples.chancheng;

import io.zhixin.chain.Account;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credit.epoch.CreditEpoch;
import io.zhixin.credit.epoch.CreditProofResult;
import io.zhixin.credit.epoch.CreditProofVerifier;
import io.zhixin.credit.epoch.CreditScoreIssuer;
import io.zhixin.credit.epoch.EpochPublisher;
import io.zhixin.credit.index.ChainIndexer;
import io.zhixin.credit.index.IndexRun;
import io.zhixin.credit.index.ModelSchemas;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.score.Explanation;
import io.zhixin.credit.score.ScoreResult;
import io.zhixin.credit.share.CreditProofRequest;
import io.zhixin.credit.share.CreditShare;
import io.zhixin.credit.share.CreditShareRefusedException;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.credit.store.StoreSnapshot;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo's credit act: attestors write credit attestations about the citizen's and the company's pseudonyms, the
 * credit bureau indexes them, scores both with their explanations, publishes the epochs on chain and issues the
 * citizen a credit-score credential, and the citizen shares only {@code score_over_650} and the credit-history
 * dimension with the bank, which checks the epoch on chain and accepts.
 */
final class CreditAct {
  private static final String BANK = "https://loans.bank.example";
  private static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
  private static final ScoringModel ENTITY = ScoringModel.builtIn("entity-v1");
  // Dev accounts, as in ChanchengDemo: the attestors and the market supervision bureau; the bureau is new here.
  private static final int PUBLIC_SECURITY = 1;
  private static final int MARKET_SUPERVISION = 2;
  private static final int TAX = 10;
  private static final int SOCIAL_INSURANCE = 11;
  private static final int WATER = 12;
  private static final int BANK_ATTESTOR = 13;
  private static final int BUREAU = 14;

  private final PrintWriter out;
  private final DevChain dev;
  private final Deployment deployment;
  private final Bytes32 citizen;
  private final KeyPair citizenKey;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param citizenSubject the citizen's on-chain pseudonym (the hash of the identity credential's random subject_id)
   * @param citizenKey the citizen's wallet key, to which the credit-score credential is bound
   */
  CreditAct(PrintWriter out, DevChain dev, Deployment deployment, Bytes32 citizenSubject, KeyPair citizenKey) {
    this.out = out;
    this.dev = dev;
    this.deployment = deployment;
    this.citizen = citizenSubject;
    this.citizenKey = citizenKey;
  }

  void play() {
    out.println();
    out.println("7. Credit (智信分): scores from accredited attestations, shared selectively");
    Bytes32 company = Bytes32.of(bytes(32));
    attest(company);
    Path dir;
    try {
      dir = Files.createTempDirectory("zhixin-credit");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (ZhixinChain bureau = as(BUREAU); SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("credit.sqlite"))) {
      IndexRun run = ChainIndexer.builder().chain(bureau).store(store).confirmations(0).build().run();
      step("indexed", "the credit bureau read blocks " + run.fromBlock() + ".." + run.toBlock() + ": " + run.attestations()
          + " attestations and the accreditation intervals of " + run.accreditationPairs() + " (attestor, scope) pairs; checkpoint in the same transaction");
      StoreSnapshot snap = store.snapshot(2);
      long asOf = bureau.latestBlockTime().getEpochSecond();
      EpochPublisher publisher = EpochPublisher.create(bureau);
      CreditEpoch persons = publisher.publish(PERSON, snap, asOf);
      CreditEpoch entities = publisher.publish(ENTITY, snap, asOf);
      explain("citizen", persons, citizen);
      explain("company", entities, company);
      step("published", "epoch " + persons.epoch() + " (" + persons.modelLabel() + ", " + persons.subjectCount() + " subject) and epoch "
          + entities.epoch() + " (" + entities.modelLabel() + "): Merkle roots " + short_(persons.root().toHex()) + ", "
          + short_(entities.root().toHex()) + " on CreditScoreRegistry, as of " + Instant.ofEpochSecond(asOf));

      KeyPair bureauKey = KeyPair.generate(KeyType.P256);
      Did bureauDid = DidJwk.create(bureauKey.publicJwk());
      String credential = CreditScoreIssuer.builder().signer(bureauKey.signer()).issuer(bureauDid.toString())
          .keyId(DidJwk.verificationMethodId(bureauDid)).build()
          .issue(persons, citizen.toHex(), citizenKey.publicJwk(), Instant.now().plus(Duration.ofDays(90)));
      CreditShare wallet = CreditShare.of(credential, citizenKey.signer());
      step("issued", "credit-score credential (SD-JWT VC) to the citizen's wallet key, naming epoch " + persons.epoch() + " and "
          + persons.modelLabel() + "; " + wallet.disclosable().size() + " claims, each selectively disclosable");

      String nonce = HexFormat.of().formatHex(bytes(12));
      Set<String> approved = Set.of("score_over_650", "dimensions/credit_history");
      CreditProofRequest request = CreditProofRequest.of(BANK, nonce, "consumer loan", "score_over_650", "dimensions/credit_history");
      String proof = wallet.present(request, approved);
      step("shared", "the citizen discloses only score_over_650 and credit_history to " + BANK + " (nonce " + nonce + ")");

      CreditProofVerifier bank = CreditProofVerifier.builder()
          .issuerKeys(DidIssuerKeys.of(DidResolver.builder().method(DidJwk.method()).build()))
          .trustedBureau(bureauDid.toString(), bureau.sender().orElseThrow())
          .registry(bureau.creditScores())
          .requiredClaims("score_over_650", "dimensions/credit_history")
          .audience(BANK).build();
      CreditProofResult verdict = bank.verify(proof, nonce);
      if (!(verdict instanceof CreditProofResult.Accepted accepted)) {
        throw new IllegalStateException("the bank refused the credit proof: " + verdict);
      }
      Map<?, ?> dims = (Map<?, ?>) accepted.claims().get("dimensions");
      step("accepted", "the bank sees score_over_650=" + accepted.claims().get("score_over_650") + ", credit_history="
          + dims.get("credit_history") + "; epoch " + accepted.epoch().epoch() + " is published and not revoked on chain; "
          + "no composite, no other dimension, no pseudonym");

      CreditProofRequest greedy = CreditProofRequest.of(BANK, nonce, "consumer loan", "score_over_650", "composite", "dimensions/capacity");
      try {
        wallet.present(greedy, approved);
        throw new IllegalStateException("the wallet disclosed more than the citizen approved");
      } catch (CreditShareRefusedException e) {
        step("refused", "a request for " + e.claims() + " as well: the wallet says " + e.reason() + " and sends nothing");
      }
    } finally {
      delete(dir);
    }
  }

  /** Schemas, accreditations and attestations: the credit facts the bureau will find on chain. */
  private void attest(Bytes32 company) {
    ZhixinChain district = as(0);
    Map<String, Integer> personFacts = new LinkedHashMap<>();
    personFacts.put("IDENTITY_VERIFIED", PUBLIC_SECURITY);
    personFacts.put("TAX_FILED_ON_TIME", TAX);
    personFacts.put("SOCIAL_INSURANCE_CONTRIBUTION", SOCIAL_INSURANCE);
    personFacts.put("UTILITY_PAID_ON_TIME", WATER);
    personFacts.put("LOAN_REPAID_ON_TIME", BANK_ATTESTOR);
    personFacts.put("PAYMENT_OVERDUE", BANK_ATTESTOR);
    Map<String, Integer> entityFacts = new LinkedHashMap<>();
    entityFacts.put("ENTITY_REGISTERED", MARKET_SUPERVISION);
    entityFacts.put("ANNUAL_REPORT_FILED", MARKET_SUPERVISION);
    entityFacts.put("CONSUMER_COMPLAINT_UPHELD", MARKET_SUPERVISION);
    entityFacts.put("TAX_CREDIT_RATING", TAX);
    entityFacts.put("SOCIAL_INSURANCE_PAID", SOCIAL_INSURANCE);
    entityFacts.put("LOAN_REPAID_ON_TIME", BANK_ATTESTOR);
    register(district, PERSON, personFacts);
    register(district, ENTITY, entityFacts);
    district.trustRegistry().accredit(TrustRegistry.Grant.to(address(BUREAU)).scopes(deployment.creditBureauScope()));
    step("accredited", "credit schemas of both models for their attestors, and the credit bureau "
        + short_(address(BUREAU).toChecksumHex()) + " for " + "zhixin:scope:credit-bureau");

    int[][] person = {{0, 1}, {1, 1}, {2, 12}, {3, 1}, {4, 1}, {4, 1}, {5, 7}};
    String[] personCodes = personFacts.keySet().toArray(String[]::new);
    for (int[] f : person) {
      String code = personCodes[f[0]];
      write(personFacts.get(code), PERSON, code, citizen, f[1]);
    }
    step("attested", "about the citizen " + short_(citizen.toHex()) + ": identity verified, tax filed, 12 months of social insurance, "
        + "water bill paid, 2 loans repaid, 1 payment 7 days overdue");
    int[][] entity = {{0, 1}, {1, 1}, {2, 1}, {3, 4}, {4, 100}, {5, 1}};
    String[] entityCodes = entityFacts.keySet().toArray(String[]::new);
    for (int[] f : entity) {
      String code = entityCodes[f[0]];
      write(entityFacts.get(code), ENTITY, code, company, f[1]);
    }
    step("attested", "about the company " + short_(company.toHex()) + ": registered, annual report filed, tax rating A, social insurance "
        + "paid every month, a loan repaid, 1 upheld consumer complaint");
  }

  /** The root authority registers the schemas and accredits each attestor for its own. */
  private void register(ZhixinChain district, ScoringModel model, Map<String, Integer> facts) {
    Map<Integer, List<Bytes32>> byAttestor = facts.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
        LinkedHashMap::new, Collectors.mapping(e -> ModelSchemas.id(model, e.getKey()), Collectors.toList())));
    for (Map.Entry<String, Integer> f : facts.entrySet()) {
      var rule = model.schemas().stream().filter(s -> s.code().equals(f.getKey())).findFirst().orElseThrow();
      Bytes32 id = Bytes32.fromHex(rule.id());
      if (district.attestations().schema(id).isEmpty()) {
        district.attestations().registerSchema(id, Bytes32.keccak(rule.dimension()), rule.name(), true);
      }
    }
    byAttestor.forEach((account, schemas) ->
        district.trustRegistry().accredit(TrustRegistry.Grant.to(address(account)).scopes(schemas)));
  }

  private void write(int account, ScoringModel model, String code, Bytes32 subject, int value) {
    try (ZhixinChain attestor = as(account)) {
      attestor.attestations().attest(AttestationEntry.of(ModelSchemas.id(model, code), subject, value, Bytes32.of(bytes(32))));
    }
  }

  /** The score line, the dimensions, and the reasons in words. */
  private void explain(String who, CreditEpoch epoch, Bytes32 subject) {
    ScoreResult r = epoch.entry(subject.toHex()).orElseThrow().result();
    String dims = r instanceof ScoreResult.Scored s
        ? s.dimensions().stream().map(d -> d.dimension() + " " + d.score()).collect(Collectors.joining(", "))
        : "";
    step("score", who + ": " + Explanation.summary(r) + " under " + epoch.modelLabel() + "; " + dims);
    for (String line : Explanation.reasons(r, epoch.model())) {
      step("", line);
    }
  }

  private ZhixinChain as(int account) {
    return ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(account)), deployment);
  }

  private io.zhixin.chain.Address address(int account) {
    return Account.of(dev.account(account)).address();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder
    }
  }

  private static String short_(String hex) {
    return hex.length() > 14 ? hex.substring(0, 8) + "…" + hex.substring(hex.length() - 4) : hex;
  }

  private void step(String what, String detail) {
    out.printf("  %-10s %s%n", what, detail);
    out.flush();
  }
}
