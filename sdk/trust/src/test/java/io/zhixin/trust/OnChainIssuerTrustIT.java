package io.zhixin.trust;

import static org.assertj.core.api.Assertions.assertThat;

import io.zhixin.chain.Account;
import io.zhixin.chain.ChainContract;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.TrustDecision;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolver;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.VerificationRelationship;
import io.zhixin.did.ethr.EthrDid;
import io.zhixin.did.ethr.EthrDidController;
import io.zhixin.did.ethr.EthrDidMethod;
import io.zhixin.did.ethr.EthrNetwork;
import io.zhixin.did.web.DidWeb;
import io.zhixin.did.web.DidWebFetcher;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.testkit.WithDevChain;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

@WithDevChain
class OnChainIssuerTrustIT {
  private static final String IDENTITY = "https://zhixin.io/vct/identity";
  private static final String LICENCE = "https://zhixin.io/vct/business-licence";

  private static ZhixinChain root;
  private static Deployment deployment;
  private static Credentials department;
  private static Instant accreditedFrom;

  @BeforeAll
  static void deployAndAccredit(DevChain chain) {
    root = ZhixinChain.builder().rpcUrl(chain.rpcUrl()).account(Account.of(chain.account(0))).build();
    deployment = root.deploy();
    root = root.withDeployment(deployment);
    department = chain.account(5);
    TrustRegistry trust = root.trustRegistry();
    trust.accredit(TrustRegistry.Grant.to(Account.of(department).address()).scopes(OnChainIssuerTrust.scopeOf(IDENTITY)));
    accreditedFrom = root.latestBlockTime();
  }

  private OnChainIssuerTrust trust(DevChain chain, DidWebFetcher web) {
    String didRegistry = deployment.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex();
    DidResolver dids = DidResolver.builder()
        .method(EthrDidMethod.builder().network(EthrNetwork.of(chain.chainId(), chain.rpcUrl(), didRegistry)).build())
        .method(DidWeb.method(web))
        .cacheTtl(Duration.ZERO)
        .build();
    return OnChainIssuerTrust.of(root.trustRegistry(), dids, chain.chainId());
  }

  private static DidWebFetcher serving(DidDocument document) {
    return url -> DidWebFetcher.Response.of(200, document.toJson().getBytes(StandardCharsets.UTF_8));
  }

  private static DidDocument departmentWebDid(Did did, long chainId) {
    KeyPair signing = KeyPair.generate(KeyType.P256);
    return DidDocument.builder(did)
        .verificationMethod(VerificationMethod.jsonWebKey(did + "#key-1", did.toString(), signing.publicJwk()),
            VerificationRelationship.ASSERTION_METHOD)
        .verificationMethod(VerificationMethod.of(did + "#chain", "EcdsaSecp256k1RecoveryMethod2020", did.toString(),
            Map.of("blockchainAccountId", "eip155:" + chainId + ":" + department.getAddress())))
        .build();
  }

  @Test
  void aDidEthrIssuerIsTrustedForTheTypeItWasAccreditedFor(DevChain chain) {
    String issuer = EthrDid.fromAddress(chain.chainId(), department.getAddress()).toString();
    OnChainIssuerTrust trust = trust(chain, url -> DidWebFetcher.Response.of(404, new byte[0]));

    TrustDecision ok = trust.evaluate(issuer, List.of("VerifiableCredential", IDENTITY), accreditedFrom.plusSeconds(1));
    assertThat(ok.trusted()).as(ok.reason()).isTrue();
    assertThat(ok.reason()).contains("accreditation #");

    TrustDecision otherType = trust.evaluate(issuer, List.of(LICENCE), accreditedFrom.plusSeconds(1));
    assertThat(otherType.trusted()).isFalse();
    assertThat(otherType.reason()).contains("was not accredited for " + LICENCE);

    TrustDecision before = trust.evaluate(issuer, List.of(IDENTITY), accreditedFrom.minusSeconds(3600));
    assertThat(before.trusted()).isFalse();
    assertThat(before.reason()).contains("was not accredited for " + IDENTITY + " at " + accreditedFrom.minusSeconds(3600));
  }

  @Test
  void aDidWebIssuerNeedsItsAccountToConfirmIt(DevChain chain) {
    Did web = DidWeb.create("chancheng.example.gov.cn", "psb");
    OnChainIssuerTrust trust = trust(chain, serving(departmentWebDid(web, chain.chainId())));
    Instant at = accreditedFrom.plusSeconds(1);

    // The document names the accredited account, but the account has not confirmed the DID: anyone
    // could have written that document.
    TrustDecision unconfirmed = trust.evaluate(web.toString(), List.of(IDENTITY), at);
    assertThat(unconfirmed.trusted()).isFalse();
    assertThat(unconfirmed.reason()).contains("has no account on chain " + chain.chainId() + " that confirms it");

    EthrDidController.builder()
        .web3j(chain.web3j())
        .chainId(chain.chainId())
        .registry(deployment.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex())
        .credentials(department)
        .build()
        .addService(OnChainIssuerTrust.LINK_SERVICE_TYPE, web.toString(), Duration.ofDays(365));

    TrustDecision confirmed = trust.evaluate(web.toString(), List.of(IDENTITY), at);
    assertThat(confirmed.trusted()).as(confirmed.reason()).isTrue();
  }

  @Test
  void anImpostorNamingAnAccreditedAccountIsRefused(DevChain chain) {
    Did impostor = DidWeb.create("chancheng-gov.example", "psb");
    OnChainIssuerTrust trust = trust(chain, serving(departmentWebDid(impostor, chain.chainId())));
    TrustDecision decision = trust.evaluate(impostor.toString(), List.of(IDENTITY), accreditedFrom.plusSeconds(1));
    assertThat(decision.trusted()).isFalse();
  }

  @Test
  void aSuspensionLaterDoesNotVoidWhatWasIssuedBefore(DevChain chain) throws Exception {
    Credentials attestor = chain.account(6);
    TrustRegistry registry = root.trustRegistry();
    long id = registry.accredit(TrustRegistry.Grant.to(Account.of(attestor).address()).scopes(OnChainIssuerTrust.scopeOf(LICENCE)));
    Instant issued = root.latestBlockTime().plusSeconds(1);
    Thread.sleep(1100); // let the issuance second pass before suspending
    registry.suspend(id);
    Instant afterSuspension = root.latestBlockTime().plusSeconds(2);

    String issuer = EthrDid.fromAddress(chain.chainId(), attestor.getAddress()).toString();
    OnChainIssuerTrust trust = trust(chain, url -> DidWebFetcher.Response.of(404, new byte[0]));
    assertThat(trust.evaluate(issuer, List.of(LICENCE), issued).trusted()).isTrue();
    assertThat(trust.evaluate(issuer, List.of(LICENCE), afterSuspension).trusted()).isFalse();
  }

  @Test
  void nonsenseIsARefusalNotAnException(DevChain chain) {
    OnChainIssuerTrust trust = trust(chain, url -> DidWebFetcher.Response.of(404, new byte[0]));
    assertThat(trust.evaluate("not a did", List.of(IDENTITY), Instant.now()).trusted()).isFalse();
    assertThat(trust.evaluate("did:ethr:0x7a69:0xnothex", List.of(IDENTITY), Instant.now()).trusted()).isFalse();
    assertThat(trust.evaluate("did:web:unknown.example", List.of(IDENTITY), Instant.now()).trusted()).isFalse();
    assertThat(trust.evaluate("did:ethr:0x7a69:0x0000000000000000000000000000000000000001", List.of("VerifiableCredential"), Instant.now()).reason())
        .contains("no type");
  }
}
