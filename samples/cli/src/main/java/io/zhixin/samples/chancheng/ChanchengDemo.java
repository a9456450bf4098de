package io.zhixin.samples.chancheng;

import io.zhixin.chain.Account;
import io.zhixin.chain.Address;
import io.zhixin.chain.Bytes32;
import io.zhixin.chain.Receipt;
import io.zhixin.chain.StatusListAnchorRegistry;
import io.zhixin.chain.ZhixinChain;
import io.zhixin.testkit.DevChain;
import java.io.PrintWriter;

/**
 * The Chancheng district scenario, told step by step on a chain. Each step prints one line: what
 * happened, then the evidence (addresses, digests, gas).
 */
public final class ChanchengDemo {
  /** Dev account 0 acts as the district authority. */
  private static final int DISTRICT_AUTHORITY = 0;

  private final PrintWriter out;

  public ChanchengDemo(PrintWriter out) {
    this.out = out;
  }

  public void run(DevChain chain) {
    out.println("Zhixin demo: Chancheng district (禅城区)");
    step("chain", (chain.isEmbedded() ? "embedded dev chain at " : "external node at ") + chain.rpcUrl() + ", chain id " + chain.chainId());

    ZhixinChain district = ZhixinChain.builder().rpcUrl(chain.rpcUrl()).account(Account.of(chain.account(DISTRICT_AUTHORITY))).build();
    StatusListAnchorRegistry anchors = district.withDeployment(district.deploy()).statusLists();
    step("deployed", "StatusListAnchors at " + anchors.address());

    // The digest of a published status list: no personal data, just which credentials are revoked.
    Bytes32 listId = Bytes32.keccak("chancheng:identity-status:1");
    Bytes32 digest = Bytes32.keccak("status list version 1");
    Receipt receipt = anchors.anchor(listId, 1, digest);
    step("anchored", "identity status list v1, digest " + digest + " (block " + receipt.blockNumber() + ", gas " + receipt.gasUsed() + ")");

    Address authority = Address.parse(chain.account(DISTRICT_AUTHORITY).getAddress());
    StatusListAnchorRegistry.Anchor latest = anchors.latest(authority, listId)
        .orElseThrow(() -> new IllegalStateException("the anchor just written is not on chain"));
    if (!latest.digest().equals(digest)) {
      throw new IllegalStateException("the chain returned another digest: " + latest.digest());
    }
    step("checked", "the chain returns v" + latest.version() + " with the same digest");
    district.close();
    if (chain.isEmbedded()) {
      step("stopping", "the dev chain");
    }
    out.flush();
  }

  private void step(String what, String detail) {
    out.printf("  %-9s %s%n", what, detail);
  }
}
