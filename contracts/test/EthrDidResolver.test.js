// A standard did:ethr resolver (ethr-did-resolver 11.1.3) pointed at our EthereumDIDRegistry resolves the same
// DID documents as when it is pointed at the reference ERC-1056 registry (npm ethr-did-registry 1.3.0), after
// the same history of key rotation, delegates, attributes, services and deactivation.
import { expect } from "chai";
import { createRequire } from "node:module";
import { network } from "hardhat";
import { Resolver } from "did-resolver";
import { getResolver } from "ethr-did-resolver";

const require = createRequire(import.meta.url);
const { EthereumDIDRegistry: reference } = require("ethr-did-registry");

const { ethers } = await network.create();

const DAY = 86400n;
const attr = (s) => ethers.encodeBytes32String(s);
const utf8 = (s) => ethers.hexlify(ethers.toUtf8Bytes(s));

async function deployBoth() {
  const [deployer] = await ethers.getSigners();
  const ours = await ethers.deployContract("EthereumDIDRegistry");
  const ref = await new ethers.ContractFactory(reference.abi, reference.bytecode, deployer).deploy();
  return { ours, ref };
}

function resolverFor(registry) {
  return new Resolver(
    getResolver({ networks: [{ name: "dev", chainId: 31337, provider: ethers.provider, registry }] }),
  );
}

describe("did:ethr resolution through ethr-did-resolver", function () {
  it("resolves the same documents from our registry as from the reference registry", async function () {
    const { ours, ref } = await deployBoth();
    const [, , , delegate, newOwner] = await ethers.getSigners();
    const docs = [];
    for (const registry of [ours, ref]) {
      // A fresh identity per registry, so the two histories do not share `changed` pointers.
      const identity = ethers.Wallet.createRandom().connect(ethers.provider);
      const [funder] = await ethers.getSigners();
      await (await funder.sendTransaction({ to: identity.address, value: ethers.parseEther("1") })).wait();
      const r = registry.connect(identity);
      await (await r.addDelegate(identity.address, attr("veriKey"), delegate.address, DAY)).wait();
      await (await r.setAttribute(identity.address, attr("did/pub/Secp256k1/veriKey/hex"),
        "0x02b97c30de767f084ce3080168ee293053ba33b235d7116a3263d29f1450936b71", DAY)).wait();
      await (await r.setAttribute(identity.address, attr("did/svc/LinkedDomains"), utf8("https://gov.example/did"), DAY)).wait();
      await (await r.setAttribute(identity.address, attr("did/pub/Ed25519/veriKey/base64"),
        ethers.hexlify(ethers.randomBytes(32)), DAY)).wait();
      await (await r.revokeAttribute(identity.address, attr("did/svc/LinkedDomains"), utf8("https://gov.example/did"))).wait();
      await (await r.changeOwner(identity.address, newOwner.address)).wait();

      const did = `did:ethr:dev:${identity.address}`;
      const result = await resolverFor(await registry.getAddress()).resolve(did);
      expect(result.didResolutionMetadata.error, JSON.stringify(result.didResolutionMetadata)).to.equal(undefined);
      const doc = result.didDocument;
      // The rotated owner controls the DID; the delegate and the remaining key are there; the revoked service is not.
      expect(JSON.stringify(doc).toLowerCase()).to.contain(newOwner.address.toLowerCase().slice(2));
      expect(JSON.stringify(doc).toLowerCase()).to.contain(delegate.address.toLowerCase().slice(2));
      expect(doc.service ?? []).to.have.length(0);
      expect(doc.verificationMethod.length).to.equal(4); // controller, delegate, secp256k1 key, Ed25519 key
      if (process.env.SHOW_DID_DOCUMENT) console.log(JSON.stringify(doc, null, 2));
      docs.push(JSON.parse(JSON.stringify(doc).replaceAll(identity.address.toLowerCase(), "ID").replaceAll(identity.address, "ID")));
    }
    // Same shape apart from the random Ed25519 key value.
    const strip = (d) => JSON.parse(JSON.stringify(d).replace(/"publicKeyBase64":"[^"]*"/g, '"publicKeyBase64":"K"').replace(/"publicKeyBase58":"[^"]*"/g, '"publicKeyBase58":"K"'));
    expect(strip(docs[0])).to.deep.equal(strip(docs[1]));
  });

  it("reports deactivation after the owner is changed to the zero address", async function () {
    const { ours } = await deployBoth();
    const [, alice] = await ethers.getSigners();
    await (await ours.connect(alice).changeOwner(alice.address, ethers.ZeroAddress)).wait();
    const result = await resolverFor(await ours.getAddress()).resolve(`did:ethr:dev:${alice.address}`);
    expect(result.didDocumentMetadata.deactivated).to.equal(true);
  });

  it("resolves an untouched identity to its default document", async function () {
    const { ours } = await deployBoth();
    const address = ethers.Wallet.createRandom().address;
    const result = await resolverFor(await ours.getAddress()).resolve(`did:ethr:dev:${address}`);
    expect(result.didDocument.id).to.equal(`did:ethr:dev:${address}`);
    expect(result.didDocument.verificationMethod).to.have.length(1);
  });
});
