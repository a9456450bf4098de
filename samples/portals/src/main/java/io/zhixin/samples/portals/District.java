package io.zhixin.samples.portals;

import io.zhixin.chain.Account;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.ChainContract;
import io.zhixin.chain.Deployment;
import io.zhixin.chain.SubsidyRegistry;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.credentials.DidIssuerKeys;
import io.zhixin.credentials.Verifier;
import io.zhixin.credentials.domain.DomainType;
import io.zhixin.credit.epoch.CreditScoreCredential;
import io.zhixin.did.Did;
import io.zhixin.did.DidResolver;
import io.zhixin.did.ethr.EthrDidController;
import io.zhixin.did.ethr.EthrDidMethod;
import io.zhixin.did.ethr.EthrNetwork;
import io.zhixin.did.jwk.DidJwk;
import io.zhixin.did.key.DidKey;
import io.zhixin.keys.KeyPair;
import io.zhixin.keys.KeyType;
import io.zhixin.testkit.DevChain;
import io.zhixin.trust.OnChainIssuerTrust;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.web3j.crypto.Credentials;

/**
 * Chancheng district on a chain, as the portals need it: the contracts deployed, the issuing bureaus with signing
 * DIDs (did:jwk, which every wallet resolves) confirmed by their chain accounts and accredited on chain for the
 * credential types they issue, and the senior transport subsidy programme open with one office allowed to record
 * claims.
 *
 * <p>Everything here is set up once by {@link #setUp(DevChain)} and then only read, apart from subsidy claims.
 */
final class District implements AutoCloseable {
  static final String SUBSIDY_SCOPE = "zhixin:subsidy-agency";
  static final Bytes32 TRANSPORT_PROGRAMME = Bytes32.keccak("chancheng:senior-transport-subsidy:portal:2026");
  static final long TRANSPORT_AMOUNT = 500;

  // Dev accounts, as in the CLI demo: who sends which transactions.
  private static final int DISTRICT = 0;
  private static final int PUBLIC_SECURITY = 1;
  private static final int MARKET_SUPERVISION = 2;
  private static final int CIVIL_AFFAIRS = 3;
  private static final int OFFICE = 8;

  /** An issuing bureau: its signing DID and key, its chain account, its Chinese and English names. */
  record Bureau(Did did, KeyPair key, io.zhixin.chain.Address account, String zh, String en) {
    String keyId() {
      return DidJwk.verificationMethodId(did);
    }
  }

  final DevChain dev;
  final Deployment deployment;
  final DidResolver dids;
  final Bureau psb;
  final Bureau amr;
  final Bureau civilAffairs;
  /** The credit bureau: scores from on-chain attestations, credit-score credentials. */
  final Bureau creditBureau;
  final CreditDesk credit;
  /** Wall-clock time moved up to the chain's (see {@link #chainClock}). */
  final Clock clock;
  private final ZhixinChain office;
  private final ZhixinChain readOnly;
  private final byte[] programmeKey = new byte[32];
  private final List<AutoCloseable> closeables = new ArrayList<>();

  private District(DevChain dev) {
    this.dev = dev;
    ZhixinChain root = ZhixinChain.builder().rpcUrl(dev.rpcUrl()).account(Account.of(dev.account(DISTRICT))).build();
    closeables.add(root);
    this.deployment = root.deploy();
    ZhixinChain district = root.withDeployment(deployment);
    closeables.add(district);
    String registry = deployment.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex();
    this.dids = DidResolver.builder()
        .method(DidKey.method())
        .method(DidJwk.method())
        .method(EthrDidMethod.builder().network(EthrNetwork.of(dev.chainId(), dev.rpcUrl(), registry)).build())
        .build();
    this.psb = bureau(PUBLIC_SECURITY, "佛山市公安局禅城分局", "Chancheng Public Security Bureau");
    this.amr = bureau(MARKET_SUPERVISION, "禅城区市场监督管理局", "Chancheng Market Supervision Bureau");
    this.civilAffairs = bureau(CIVIL_AFFAIRS, "禅城区民政局", "Chancheng Civil Affairs Bureau");
    this.creditBureau = bureau(CreditDesk.BUREAU, "智信征信中心", "Zhixin credit bureau");

    TrustRegistry trust = district.trustRegistry();
    accredit(trust, PUBLIC_SECURITY, DomainType.NATURAL_PERSON_IDENTITY.vct(), DomainType.RESIDENCE_CERTIFICATE.vct());
    accredit(trust, MARKET_SUPERVISION, DomainType.LEGAL_ENTITY.vct(), DomainType.AUTHORISATION.vct());
    trust.accredit(TrustRegistry.Grant.to(address(CIVIL_AFFAIRS)).scopes(
        OnChainIssuerTrust.scopeOf(DomainType.QUALIFICATION.vct()), Bytes32.keccak(SUBSIDY_SCOPE)));

    this.credit = new CreditDesk(dev, deployment, district);

    new SecureRandom().nextBytes(programmeKey);
    try (ZhixinChain agency = as(CIVIL_AFFAIRS)) {
      agency.subsidies().openProgramme(SubsidyRegistry.Terms.of(TRANSPORT_PROGRAMME, Bytes32.keccak(SUBSIDY_SCOPE),
          1_000_000, TRANSPORT_AMOUNT, Instant.now().plus(Duration.ofDays(90))));
      agency.subsidies().setOffice(TRANSPORT_PROGRAMME, address(OFFICE), true);
    }
    this.office = as(OFFICE);
    closeables.add(office);
    this.readOnly = ZhixinChain.connectReadOnly(dev.rpcUrl(), deployment);
    closeables.add(readOnly);
    this.clock = chainClock(district);
  }

  /** Deploys and sets up the district on {@code dev}; takes some 25 transactions. */
  static District setUp(DevChain dev) {
    return new District(dev);
  }

  /**
   * The verification policy of a portal's OpenID4VP verifier: issuer keys from the bureaus' DIDs, the issuer
   * accredited on chain for the credential's type when it issued it, only the listed types.
   */
  Verifier verifier(String clientId, String... acceptedTypes) {
    return Verifier.builder()
        .issuerKeys(DidIssuerKeys.of(dids))
        .issuerTrust(new DistrictIssuerTrust(Map.of(psb.did().toString(), psb.account(), amr.did().toString(),
            amr.account(), civilAffairs.did().toString(), civilAffairs.account(), creditBureau.did().toString(),
            creditBureau.account()), Map.of(CreditScoreCredential.VCT, deployment.creditBureauScope()),
            readOnly.trustRegistry(), dids, dev.chainId()))
        .acceptedTypes(acceptedTypes)
        .audience(clientId)
        .noncePerRequest()
        // The portals' credentials carry no status list entries; revocation is shown by the CLI demo.
        .ignoreStatus()
        .clock(clock)
        .clockSkew(Duration.ofMinutes(2))
        .build();
  }

  /**
   * Records a transport subsidy claim on chain for the holder of {@code subjectId}. The nullifier is
   * HMAC-SHA256(programme key, subject_id): the same person always gives the same nullifier in this programme, and
   * nothing links it to the person or to other programmes.
   */
  /** The credit score registry, read only. */
  io.zhixin.chain.CreditScoreRegistry creditScores() {
    return readOnly.creditScores();
  }

  SubsidyRegistry.ClaimOutcome claimTransportSubsidy(String subjectId) {
    return office.subsidies().claim(TRANSPORT_PROGRAMME, nullifier(subjectId));
  }

  Bytes32 nullifier(String subjectId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(programmeKey, "HmacSHA256"));
      return Bytes32.of(mac.doFinal(subjectId.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A bureau: a fresh P-256 key as did:jwk, which its chain account confirms on its own did:ethr record. */
  private Bureau bureau(int account, String zh, String en) {
    KeyPair key = KeyPair.generate(KeyType.P256);
    Did did = DidJwk.create(key.publicJwk());
    Credentials chainAccount = dev.account(account);
    EthrDidController.builder().web3j(dev.web3j()).chainId(dev.chainId())
        .registry(deployment.address(ChainContract.ETHEREUM_DID_REGISTRY).toHex()).credentials(chainAccount).build()
        .addService(OnChainIssuerTrust.LINK_SERVICE_TYPE, did.toString(), Duration.ofDays(3650));
    return new Bureau(did, key, address(account), zh, en);
  }

  private void accredit(TrustRegistry trust, int account, String... types) {
    Bytes32[] scopes = new Bytes32[types.length];
    for (int i = 0; i < types.length; i++) {
      scopes[i] = OnChainIssuerTrust.scopeOf(types[i]);
    }
    trust.accredit(TrustRegistry.Grant.to(address(account)).scopes(scopes));
  }

  private io.zhixin.chain.Address address(int account) {
    return Account.of(dev.account(account)).address();
  }

  private ZhixinChain as(int account) {
    return ZhixinChain.connect(dev.rpcUrl(), Account.of(dev.account(account)), deployment);
  }

  /**
   * Wall-clock time moved up to the chain's. The dev chain mines a block per transaction, each at least a second
   * after the last, so after the set-up its clock runs ahead of ours, and an accreditation granted "now" on chain
   * would start after a credential issued "now" here.
   */
  private static Clock chainClock(ZhixinChain chain) {
    Duration ahead = Duration.between(Instant.now(), chain.latestBlockTime().plusSeconds(1));
    return ahead.isNegative() ? Clock.systemUTC() : Clock.offset(Clock.systemUTC(), ahead);
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception ignored) {
        // closing connections and a temporary folder: nothing to do about a failure
      }
    }
  }
}
