package io.zhixin.samples.portals;

import io.zhixin.chain.Account;
import io.zhixin.chain.Address;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.sdjwt.SdObject;
import io.zhixin.credit.epoch.CreditEpoch;
import io.zhixin.credit.epoch.CreditScoreIssuer;
import io.zhixin.credit.epoch.EpochPublisher;
import io.zhixin.credit.index.ChainIndexer;
import io.zhixin.credit.index.ModelSchemas;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.testkit.DevChain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The credit side of the district, as the CLI demo's credit act does it: attestors accredited for the person model's
 * schemas write attestations about a citizen's pseudonym ({@code keccak256(subject_id)}), the credit bureau indexes
 * them, scores, publishes the epoch on chain, and hands out the claims of a credit-score credential (the same claims
 * as {@code CreditScoreIssuer}) for the bureau's OpenID4VCI issuer to sign.
 */
final class CreditDesk {
  static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
  // Dev accounts, as in the CLI demo.
  private static final int PUBLIC_SECURITY = 1;
  private static final int TAX = 10;
  private static final int SOCIAL_INSURANCE = 11;
  private static final int WATER = 12;
  private static final int BANK_ATTESTOR = 13;
  static final int BUREAU = 14;

  private final DevChain dev;
  private final Deployment deployment;
  private final Map<String, Integer> facts = new LinkedHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Registers the person model's schemas and accredits their attestors and the bureau (by the root authority). */
  CreditDesk(DevChain dev, Deployment deployment, ZhixinChain root) {
    this.dev = dev;
    this.deployment = deployment;
    facts.put("IDENTITY_VERIFIED", PUBLIC_SECURITY);
    facts.put("TAX_FILED_ON_TIME", TAX);
    facts.put("SOCIAL_INSURANCE_CONTRIBUTION", SOCIAL_INSURANCE);
    facts.put("UTILITY_PAID_ON_TIME", WATER);
    facts.put("LOAN_REPAID_ON_TIME", BANK_ATTESTOR);
    facts.put("PAYMENT_OVERDUE", BANK_ATTESTOR);
    for (String code : facts.keySet()) {
      var rule = PERSON.schemas().stream().filter(s -> s.code().equals(code)).findFirst().orElseThrow();
      Bytes32 id = Bytes32.fromHex(rule.id());
      if (root.attestations().schema(id).isEmpty()) {
        root.attestations().registerSchema(id, Bytes32.keccak(rule.dimension()), rule.name(), true);
      }
    }
    Map<Integer, List<Bytes32>> byAttestor = facts.entrySet().stream().collect(Collectors.groupingBy(
        Map.Entry::getValue, LinkedHashMap::new,
        Collectors.mapping(e -> ModelSchemas.id(PERSON, e.getKey()), Collectors.toList())));
    byAttestor.forEach((account, schemas) ->
        root.trustRegistry().accredit(TrustRegistry.Grant.to(address(account)).scopes(schemas)));
    root.trustRegistry().accredit(TrustRegistry.Grant.to(address(BUREAU)).scopes(deployment.creditBureauScope()));
  }

  /** The on-chain pseudonym of a subject id from an identity credential. */
  static Bytes32 pseudonym(String subjectId) {
    return Bytes32.keccak(subjectId);
  }

  /**
   * Writes a credit history about {@code subjectId}'s pseudonym (identity verified, tax filed, a year of social
   * insurance, a utility bill paid, two loans repaid, one payment a week late), indexes the chain, publishes an epoch
   * and returns the claims of the citizen's credit-score credential for it.
   */
  SdObject scoreClaims(String subjectId) {
    Bytes32 subject = pseudonym(subjectId);
    String[] codes = facts.keySet().toArray(String[]::new);
    int[][] history = {{0, 1}, {1, 1}, {2, 12}, {3, 1}, {4, 1}, {4, 1}, {5, 7}};
    for (int[] f : history) {
      try (ZhixinChain attestor = as(facts.get(codes[f[0]]))) {
        attestor.attestations().attest(AttestationEntry.of(ModelSchemas.id(PERSON, codes[f[0]]), subject, f[1],
            Bytes32.of(bytes(32))));
      }
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("zhixin-portals-credit");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (ZhixinChain bureau = as(BUREAU);
        SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("credit.sqlite"))) {
      ChainIndexer.builder().chain(bureau).store(store).confirmations(0).build().run();
      CreditEpoch epoch = EpochPublisher.create(bureau).publish(PERSON, store.snapshot(2),
          bureau.latestBlockTime().getEpochSecond());
      return CreditScoreIssuer.claims(epoch, subject.toHex());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary folder
      }
    }
  }

  Address bureauAddress() {
    return address(BUREAU);
  }

  private ZhixinChain as(int account) {
    return ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(account)), deployment);
  }

  private Address address(int account) {
    return Account.of(dev.account(account)).address();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
