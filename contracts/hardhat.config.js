import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";

// The WASM compilers from the npm `solc` packages: the build never downloads a compiler.
const require = createRequire(import.meta.url);

// runs 10,000: these contracts are called far more often than deployed, so runtime gas matters more
// than code size (it is what keeps EthereumDIDRegistry at or below the reference ERC-1056 figures).
// EAS is built with the same settings, so the side-by-side gas table compares like with like.
const settings = {
  optimizer: { enabled: true, runs: 10_000 },
  evmVersion: "prague",
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    compilers: [
      // Our contracts (pragma ^0.8.29) pick the newest matching compiler.
      { version: "0.8.30", path: require.resolve("solc/soljson.js"), settings },
      // EAS 1.9.0 pins `pragma solidity 0.8.29`; it is built only to compare gas side by side.
      { version: "0.8.29", path: require.resolve("solc-0.8.29/soljson.js"), settings },
    ],
    npmFilesToBuild: [
      "@ethereum-attestation-service/eas-contracts/contracts/EAS.sol",
      "@ethereum-attestation-service/eas-contracts/contracts/SchemaRegistry.sol",
    ],
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      // Modest depth keeps `hardhat test` well under three minutes; raise both for a deeper campaign.
      invariant: { runs: 64, depth: 32 },
    },
  },
});
