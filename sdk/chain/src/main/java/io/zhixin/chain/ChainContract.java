package io.zhixin.chain;

/** The Zhixin contracts, in deployment order (each may need the addresses of those before it). */
public enum ChainContract {
  TRUSTED_ISSUER_REGISTRY("TrustedIssuerRegistry"),
  ATTESTATION_REGISTRY("AttestationRegistry"),
  SUBSIDY_CLAIM_REGISTRY("SubsidyClaimRegistry"),
  CREDIT_SCORE_REGISTRY("CreditScoreRegistry"),
  STATUS_LIST_ANCHORS("StatusListAnchors"),
  ETHEREUM_DID_REGISTRY("EthereumDIDRegistry");

  private final String contractName;

  ChainContract(String contractName) {
    this.contractName = contractName;
  }

  /** The Solidity contract name, which is also its key in a deployment manifest. */
  public String contractName() {
    return contractName;
  }

  /** The constant for a Solidity contract name. */
  public static ChainContract ofContractName(String name) {
    for (ChainContract c : values()) {
      if (c.contractName.equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown contract '" + name + "'");
  }
}
