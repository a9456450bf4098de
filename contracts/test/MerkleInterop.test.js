// The documented leaf encodings match @openzeppelin/merkle-tree's StandardMerkleTree, the off-chain library a
// Java or JS attestor / credit engine would mirror: every proof it makes verifies on chain.
import { expect } from "chai";
import { network } from "hardhat";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

const { ethers, networkHelpers } = await network.create();
const FOREVER = 2n ** 40n - 1n;
const rnd = () => ethers.hexlify(ethers.randomBytes(32));

async function deploy() {
  const [root, attestor, bureau] = await ethers.getSigners();
  const trust = await ethers.deployContract("TrustedIssuerRegistry", [root.address]);
  const attestations = await ethers.deployContract("AttestationRegistry", [await trust.getAddress()]);
  const BUREAU_SCOPE = ethers.id("zhixin:scope:credit-bureau");
  const credit = await ethers.deployContract("CreditScoreRegistry", [await trust.getAddress(), BUREAU_SCOPE]);
  const SCHEMA = ethers.id("zhixin:schema:utility-on-time:v1");
  await trust.accredit(attestor.address, [SCHEMA], 0, FOREVER, false, 0);
  await trust.accredit(bureau.address, [BUREAU_SCOPE], 0, FOREVER, false, 0);
  await attestations.registerSchema(SCHEMA, ethers.encodeBytes32String("credit-history"), "on-time months", true);
  return { attestor, bureau, attestations, credit, SCHEMA };
}

describe("Merkle leaves interoperate with StandardMerkleTree", function () {
  it("attestation batches: every entry of a 37-entry tree verifies; leaf hashes are identical", async function () {
    const { attestor, attestations, SCHEMA } = await networkHelpers.loadFixture(deploy);
    const now = BigInt(await networkHelpers.time.latest());
    const entries = Array.from({ length: 37 }, (_, i) => [SCHEMA, rnd(), i - 18, Number(now + 1000n + BigInt(i)), rnd()]);
    const tree = StandardMerkleTree.of(entries, ["bytes32", "bytes32", "int16", "uint32", "bytes32"]);
    const rc = await (await attestations.connect(attestor).anchorBatch(SCHEMA, tree.root, entries.length)).wait();
    const batchId = rc.logs.map((l) => attestations.interface.parseLog(l)).find((e) => e?.name === "BatchAnchored").args.batchId;
    for (const [i, e] of tree.entries()) {
      expect(await attestations.batchLeaf(...e)).to.equal(tree.leafHash(e));
      const [, subject, value, expiresAt, commitment] = e;
      expect(await attestations.verifyBatchEntry(batchId, subject, value, expiresAt, commitment, tree.getProof(i))).to.equal(true);
    }
    // A proof from another tree over the same entries but another schema does not verify here.
    const other = StandardMerkleTree.of(entries.map((e) => [ethers.id("other"), ...e.slice(1)]), ["bytes32", "bytes32", "int16", "uint32", "bytes32"]);
    const [, subject, value, expiresAt, commitment] = entries[0];
    expect(await attestations.verifyBatchEntry(batchId, subject, value, expiresAt, commitment, other.getProof(0))).to.equal(false);
  });

  it("credit epochs: every subject's score leaf of a 50-subject tree verifies", async function () {
    const { bureau, credit } = await networkHelpers.loadFixture(deploy);
    const model = ethers.id("person-model v1 full definition");
    await credit.connect(bureau).registerModel(model, "person-v1");
    const scores = Array.from({ length: 50 }, () => [rnd(), rnd()]);
    const tree = StandardMerkleTree.of(scores, ["bytes32", "bytes32"]);
    await credit.connect(bureau).publishEpoch(1, model, tree.root, scores.length);
    for (const [i, [subject, scoreHash]] of tree.entries()) {
      expect(await credit.scoreLeaf(subject, scoreHash)).to.equal(tree.leafHash([subject, scoreHash]));
      expect(await credit.isScoreIncluded(bureau.address, 1, subject, scoreHash, tree.getProof(i))).to.equal(true);
    }
  });
});
