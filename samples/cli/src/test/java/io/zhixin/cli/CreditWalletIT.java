package io.zhixin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.zhixin.chain.Account;
import io.zhixin.chain.AttestationEntry;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.VerifiedCredential;
import io.zhixin.credentials.Verifier;
import io.zhixin.credit.epoch.CreditEpoch;
import io.zhixin.credit.epoch.CreditProofResult;
import io.zhixin.credit.epoch.CreditProofVerifier;
import io.zhixin.credit.epoch.CreditScoreCredential;
import io.zhixin.credit.epoch.CreditScoreIssuer;
import io.zhixin.credit.epoch.EpochPublisher;
import io.zhixin.credit.index.ChainIndexer;
import io.zhixin.credit.index.ModelSchemas;
import io.zhixin.credit.model.ScoringModel;
import io.zhixin.credit.store.SqliteAttestationStore;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.oid4vci.CredentialConfiguration;
import io.zhixin.oid4vci.CredentialData;
import io.zhixin.oid4vci.CredentialIssuerService;
import io.zhixin.oid4vci.CredentialOffer;
import io.zhixin.oid4vp.CredentialQuery;
import io.zhixin.oid4vp.DcqlQuery;
import io.zhixin.oid4vp.PresentationResult;
import io.zhixin.oid4vp.PresentationSession;
import io.zhixin.oid4vp.VerifierService;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import io.zhixin.wallet.Wallet;
import io.zhixin.wallet.WalletException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credit-score credential over the real protocols: the bureau issues it with OpenID4VCI into the holder's
 * {@link Wallet}, a bank asks over OpenID4VP for score_over_650 and credit_history only, the wallet answers with
 * exactly those, the bank's verifier accepts and {@link CreditProofVerifier#checkOnChain} finds the epoch published;
 * a request for more than the holder approved is refused by the wallet (NOT_APPROVED) and nothing reaches the bank.
 */
@WithDevChain
class CreditWalletIT {
  private static final ScoringModel PERSON = ScoringModel.builtIn("person-v1");
  private static final DidResolver DIDS = DidResolver.builder().method(DidKey.method()).build();
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void issueOverOid4vci_shareOverOid4vp_onlyWhatTheHolderApproves(DevChain dev, @TempDir Path dir) throws Exception {
    ZhixinChain root = ZhixinChain.builder().rpcUrl(dev.rpcUrl()).account(Account.of(dev.account(0))).build();
    Deployment deployment = root.deploy();
    root = root.withDeployment(deployment);
    ModelSchemas.register(root.attestations(), PERSON);
    root.trustRegistry().accredit(TrustRegistry.Grant.to(Account.of(dev.account(5)).address())
        .scopes(PERSON.schemas().stream().map(s -> Bytes32.fromHex(s.id())).toList()));
    root.trustRegistry().accredit(TrustRegistry.Grant.to(Account.of(dev.account(7)).address()).scopes(deployment.creditBureauScope()));
    ZhixinChain attestor = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(5)), deployment);
    Bytes32 citizen = random();
    Map.of("IDENTITY_VERIFIED", 1, "LOAN_REPAID_ON_TIME", 1, "UTILITY_PAID_ON_TIME", 1, "TAX_FILED_ON_TIME", 1,
        "SOCIAL_INSURANCE_CONTRIBUTION", 12, "INCOME_BRACKET", 6).forEach((code, v) ->
        attestor.attestations().attest(AttestationEntry.of(ModelSchemas.id(PERSON, code), citizen, v, random())));
    ZhixinChain bureau = ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(7)), deployment);
    CreditEpoch epoch;
    try (SqliteAttestationStore store = SqliteAttestationStore.open(dir.resolve("credit.sqlite"))) {
      ChainIndexer.builder().chain(root).store(store).confirmations(0).build().run();
      epoch = EpochPublisher.create(bureau).publish(PERSON, store.snapshot(1), root.latestBlockTime().getEpochSecond());
    }

    KeyPair bureauKey = KeyPair.generate(KeyType.P256);
    Did bureauDid = DidKey.create(bureauKey.publicJwk());
    KeyPair bankKey = KeyPair.generate(KeyType.P256);
    Did bankDid = DidKey.create(bankKey.publicJwk());
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    CredentialIssuerService issuer = CredentialIssuerService.builder().issuerUrl(base + "/bureau")
        .signer(bureauKey.signer(), bureauDid.toString(), DidKey.verificationMethodId(bureauDid))
        .configuration(CredentialConfiguration.sdJwt("credit", CreditScoreCredential.VCT).displayName("智信分 credit score").build())
        .build();
    issuer.mount(server, "/bureau");
    VerifierService bank = VerifierService.builder().baseUrl(base + "/bank")
        .requestSigner(bankKey.signer(), bankDid.toString(), DidKey.verificationMethodId(bankDid))
        .verifier(clientId -> Verifier.builder().issuerKeys(DidIssuerKeys.of(DIDS)).trustedIssuers(bureauDid.toString())
            .acceptedTypes(CreditScoreCredential.VCT).requiredClaims("score_over_650", "dimensions/credit_history")
            .audience(clientId).noncePerRequest().ignoreStatus().build())
        .build();
    bank.mount(server, "/bank");
    server.start();
    try (Wallet wallet = Wallet.builder().directory(dir.resolve("wallet")).password("wallet password".toCharArray()).open()) {
      CredentialOffer offer = issuer.newOffer().credential("credit", CredentialData.sdJwt(CreditScoreIssuer.claims(epoch, citizen.toHex())))
          .txCode("2468").create();
      assertThat(wallet.receive(offer.byReferenceUri(), "2468")).singleElement()
          .satisfies(c -> assertThat(c.types()).contains(CreditScoreCredential.VCT));

      PresentationSession ask = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("credit").vct(CreditScoreCredential.VCT)
          .claim("score_over_650").claim("dimensions/credit_history").build()).build(), "consumer loan");
      Set<String> approved = Set.of("score_over_650", "dimensions/credit_history");
      wallet.present(ask.requestUri()).respond(approved);
      PresentationResult result = bank.result(ask.transactionId());
      assertThat(result.isVerified()).as(result.toString()).isTrue();
      VerifiedCredential vc = result.credentials().get("credit").get(0);
      assertThat(vc.claims()).containsEntry("score_over_650", true).doesNotContainKeys("composite", "band", "commitment");
      CreditProofResult onChain = CreditProofVerifier.builder().issuerKeys(DidIssuerKeys.of(DIDS))
          .trustedBureau(bureauDid.toString(), bureau.sender().orElseThrow()).registry(root.creditScores()).audience(base + "/bank")
          .build().checkOnChain(vc);
      assertThat(onChain.isAccepted()).as(onChain.toString()).isTrue();

      PresentationSession greedy = bank.request(DcqlQuery.builder().credential(CredentialQuery.sdJwt("credit").vct(CreditScoreCredential.VCT)
          .claim("score_over_650").claim("composite").build()).build(), "consumer loan");
      assertThatThrownBy(() -> wallet.present(greedy.requestUri()).respond(approved))
          .isInstanceOfSatisfying(WalletException.class, e -> assertThat(e.reason()).isEqualTo(WalletException.Reason.NOT_APPROVED))
          .hasMessageContaining("credit:composite");
      assertThat(bank.result(greedy.transactionId()).status().name()).isEqualTo("PENDING");
    } finally {
      server.stop(0);
    }
  }

  private static Bytes32 random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Bytes32.of(b);
  }
}
