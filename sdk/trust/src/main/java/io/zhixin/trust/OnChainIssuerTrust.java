package io.zhixin.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zhixin.chain.Address;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.ChainException;
import io.zhixin.chain.TrustRegistry;
import io.zhixin.credentials.IssuerTrust;
import io.zhixin.credentials.TrustDecision;
import io.zhixin.did.Did;
import io.zhixin.did.DidDocument;
import io.zhixin.did.DidResolutionResult;
import io.zhixin.did.DidResolver;
import io.zhixin.did.VerificationMethod;
import io.zhixin.did.ethr.EthrDid;
import io.zhixin.did.ethr.EthrNetwork;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Trusts an issuer for a credential type only if the on-chain trusted issuer registry says it was
 * accredited for that type when it issued the credential. Plug it into a verifier with
 * {@code Verifier.builder().issuerTrust(trust)}.
 *
 * <h2>Which account is the issuer's</h2>
 * Accreditations are granted to chain accounts, credentials are signed by DIDs. The link must be
 * stated from both sides, so that nobody can borrow an accredited department's account by naming it:
 *
 * <ul>
 *   <li>a {@code did:ethr} on this chain is its account;
 *   <li>any other DID (a department's {@code did:web}, say) lists the account in its document as a
 *       verification method with {@code blockchainAccountId: eip155:<chain id>:<address>}, and the
 *       account confirms the DID on its own {@code did:ethr} record with the attribute
 *       {@code did/svc/AlsoKnownAs} whose value is that DID (see {@link #LINK_SERVICE_TYPE}).
 * </ul>
 *
 * <h2>Which types</h2>
 * Every type of the credential except the generic {@code VerifiableCredential} must be accredited;
 * a type's scope id on chain is {@code keccak256(type)} ({@link #scopeOf(String)}).
 *
 * <p>Thread-safe. Never throws: every failure is a refusal whose reason names the rule.
 */
public final class OnChainIssuerTrust implements IssuerTrust {
  /** The did:ethr service type by which an account confirms another DID of its owner. */
  public static final String LINK_SERVICE_TYPE = "AlsoKnownAs";

  private static final String GENERIC_TYPE = "VerifiableCredential";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TrustRegistry registry;
  private final DidResolver dids;
  private final long chainId;

  private OnChainIssuerTrust(TrustRegistry registry, DidResolver dids, long chainId) {
    this.registry = registry;
    this.dids = dids;
    this.chainId = chainId;
  }

  /**
   * @param registry the trusted issuer registry (a read-only connection is enough)
   * @param dids resolves issuer DIDs, including {@code did:ethr} on this chain
   * @param chainId the registry's chain
   */
  public static OnChainIssuerTrust of(TrustRegistry registry, DidResolver dids, long chainId) {
    return new OnChainIssuerTrust(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(dids, "dids"), chainId);
  }

  /** The on-chain scope id of a credential type: {@code keccak256} of its UTF-8 name. */
  public static Bytes32 scopeOf(String credentialType) {
    return Bytes32.keccak(credentialType);
  }

  @Override
  public TrustDecision evaluate(String issuer, List<String> types, Instant issuedAt) {
    if (issuer == null || issuedAt == null) {
      return TrustDecision.refused("the credential names no issuer or issuance time to check on chain");
    }
    List<String> specific = types == null ? List.of() : types.stream().filter(t -> !GENERIC_TYPE.equals(t)).toList();
    if (specific.isEmpty()) {
      return TrustDecision.refused("the credential has no type that an accreditation could cover");
    }
    try {
      List<Address> accounts = accountsOf(issuer);
      if (accounts.isEmpty()) {
        return TrustDecision.refused("issuer " + issuer + " has no account on chain " + chainId
            + " that confirms it (list eip155:" + chainId + ":<address> in its DID document and set did/svc/"
            + LINK_SERVICE_TYPE + " on that account)");
      }
      List<String> grants = new ArrayList<>();
      for (String type : specific) {
        String grant = accreditation(accounts, type, issuedAt);
        if (grant == null) {
          return TrustDecision.refused("issuer " + issuer + " (" + describe(accounts) + ") was not accredited for "
              + type + " at " + issuedAt);
        }
        grants.add(type + " by " + grant);
      }
      return TrustDecision.trusted("issuer " + issuer + " was accredited on chain " + chainId + " at " + issuedAt
          + ": " + String.join("; ", grants));
    } catch (ChainException e) {
      return TrustDecision.refused("the trusted issuer registry could not be read: " + e.getMessage());
    }
  }

  private String accreditation(List<Address> accounts, String type, Instant at) {
    for (Address account : accounts) {
      OptionalLong id = registry.accreditationAt(account, scopeOf(type), at);
      if (id.isPresent()) {
        return "accreditation #" + id.getAsLong() + " of " + account.toChecksumHex();
      }
    }
    return null;
  }

  /** The accounts that speak for {@code issuer}, linked from both sides. */
  private List<Address> accountsOf(String issuer) {
    Did did;
    try {
      did = Did.parse(issuer);
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    if (EthrDid.METHOD.equals(did.method())) {
      try {
        EthrDid ethr = EthrDid.parse(did);
        return ethr.network().equalsIgnoreCase(EthrNetwork.hexChainId(chainId))
            ? List.of(Address.parse(ethr.address())) : List.of();
      } catch (IllegalArgumentException malformed) {
        return List.of();
      }
    }
    DidResolutionResult resolved = dids.resolve(did);
    if (!resolved.isSuccess()) {
      return List.of();
    }
    List<Address> confirmed = new ArrayList<>();
    for (Address claimed : claimedAccounts(resolved.orElseThrow())) {
      if (confirms(claimed, issuer)) {
        confirmed.add(claimed);
      }
    }
    return confirmed;
  }

  private Set<Address> claimedAccounts(DidDocument document) {
    String prefix = "eip155:" + chainId + ":";
    Set<Address> accounts = new LinkedHashSet<>();
    for (VerificationMethod method : document.verificationMethods()) {
      method.property("blockchainAccountId")
          .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(prefix))
          .ifPresent(id -> {
            try {
              accounts.add(Address.parse(id.substring(prefix.length())));
            } catch (IllegalArgumentException malformed) {
              // not an address: ignore the claim
            }
          });
    }
    return accounts;
  }

  /** Whether {@code account}'s own did:ethr record names {@code issuer} as another DID of its owner. */
  private boolean confirms(Address account, String issuer) {
    DidResolutionResult resolved = dids.resolve(EthrDid.fromAddress(chainId, account.toHex()));
    if (!resolved.isSuccess()) {
      return false;
    }
    try {
      JsonNode services = JSON.readTree(resolved.orElseThrow().toJson()).path("service");
      for (JsonNode service : services) {
        if (LINK_SERVICE_TYPE.equals(service.path("type").asText())
            && issuer.equals(service.path("serviceEndpoint").asText())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(List<Address> accounts) {
    return accounts.stream().map(Address::toChecksumHex).reduce((a, b) -> a + ", " + b).map(s -> "account " + s).orElse("no account");
  }
}
