package io.zhixin.samples.portals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhixin.chain.Address;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.ChainException;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.credentials.IssuerTrust;
import io.zhixin.credentials.TrustDecision;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.ethr.EthrDid;
import io.zhixin.trust.OnChainIssuerTrust;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * On-chain accreditation for the district's bureaus, whose signing DIDs are did:jwk so that any wallet (the
 * command-line wallet too) can check what they issue without a web server for did:web. A did:jwk cannot name a chain
 * account, so the district's directory says which account a bureau's DID belongs to; the account must confirm the
 * DID on its own did:ethr record ({@code did/svc/AlsoKnownAs}, as {@link OnChainIssuerTrust} expects), and the
 * registry must show it accredited for every type of the credential when the credential was issued.
 *
 * <p>Thread-safe. Never throws: every failure is a refusal that names the rule.
 */
final class DistrictIssuerTrust implements IssuerTrust {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, Address> directory;
  private final Map<String, Bytes32> scopes;
  private final TrustRegistry registry;
  private final DidResolver dids;
  private final long chainId;

  /**
   * @param directory the bureaus' DIDs and their chain accounts
   * @param scopes on-chain scopes of types not accredited under {@code keccak256(type)} (the credit-score
   *     credential's bureau is accredited for the deployment's credit-bureau scope)
   */
  DistrictIssuerTrust(Map<String, Address> directory, Map<String, Bytes32> scopes, TrustRegistry registry,
      DidResolver dids, long chainId) {
    this.directory = Map.copyOf(directory);
    this.scopes = Map.copyOf(scopes);
    this.registry = registry;
    this.dids = dids;
    this.chainId = chainId;
  }

  @Override
  public TrustDecision evaluate(String issuer, List<String> types, Instant issuedAt) {
    Address account = issuer == null ? null : directory.get(issuer);
    if (account == null) {
      return TrustDecision.refused("issuer " + issuer + " is not a bureau in the district's directory");
    }
    List<String> specific = types == null ? List.of()
        : types.stream().filter(t -> !"VerifiableCredential".equals(t)).toList();
    if (specific.isEmpty() || issuedAt == null) {
      return TrustDecision.refused("the credential names no type or issuance time to check on chain");
    }
    try {
      if (!confirms(account, issuer)) {
        return TrustDecision.refused("account " + account.toChecksumHex() + " does not confirm " + issuer
            + " on its did:ethr record (did/svc/" + OnChainIssuerTrust.LINK_SERVICE_TYPE + ")");
      }
      List<String> grants = new ArrayList<>();
      for (String type : specific) {
        OptionalLong id = registry.accreditationAt(account, scopes.getOrDefault(type, OnChainIssuerTrust.scopeOf(type)),
            issuedAt);
        if (id.isEmpty()) {
          return TrustDecision.refused("issuer " + issuer + " (account " + account.toChecksumHex()
              + ") was not accredited for " + type + " at " + issuedAt);
        }
        grants.add(type + " by accreditation #" + id.getAsLong());
      }
      return TrustDecision.trusted("issuer " + issuer + " (account " + account.toChecksumHex() + ") was accredited on "
          + "chain " + chainId + " at " + issuedAt + ": " + String.join("; ", grants));
    } catch (ChainException e) {
      return TrustDecision.refused("the trusted issuer registry could not be read: " + e.getMessage());
    }
  }

  private boolean confirms(Address account, String issuer) {
    DidResolutionResult resolved = dids.resolve(EthrDid.fromAddress(chainId, account.toHex()));
    if (!resolved.isSuccess()) {
      return false;
    }
    try {
      for (JsonNode service : JSON.readTree(resolved.orElseThrow().toJson()).path("service")) {
        if (OnChainIssuerTrust.LINK_SERVICE_TYPE.equals(service.path("type").asText())
            && issuer.equals(service.path("serviceEndpoint").asText())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }
}
