#!/usr/bin/env node
// Resolves did:ethr DIDs with the reference resolver, ethr-did-resolver, and prints the W3C DID resolution
// results as a JSON array on stdout (one entry per argument, in order), so that Zhixin's resolution of the
// same DIDs on the same chain can be compared with it.
//
//   node resolve.mjs --rpc-url http://127.0.0.1:8545 --registry 0x… --chain-id 31337 [--name dev] DID…
//
// A DID may carry ?versionId=<block>. Exit status: 0 when every DID was resolved or failed with a
// resolution error (the error is in the output), 2 for bad arguments, 1 for anything else.
import { Resolver } from 'did-resolver'
import { getResolver } from 'ethr-did-resolver'

function usage(message) {
  process.stderr.write(`${message}\nusage: node resolve.mjs --rpc-url URL --registry ADDRESS --chain-id N [--name NAME] DID...\n`)
  process.exit(2)
}

function parseArgs(argv) {
  const options = { names: [], dids: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const value = () => {
      if (i + 1 >= argv.length) usage(`missing value after ${arg}`)
      return argv[++i]
    }
    if (arg === '--rpc-url') options.rpcUrl = value()
    else if (arg === '--registry') options.registry = value()
    else if (arg === '--chain-id') options.chainId = value()
    else if (arg === '--name') options.names.push(value())
    else if (arg.startsWith('--')) usage(`unknown option ${arg}`)
    else options.dids.push(arg)
  }
  if (!options.rpcUrl || !options.registry || !options.chainId) usage('--rpc-url, --registry and --chain-id are required')
  if (!/^[0-9]+$/.test(options.chainId)) usage(`--chain-id must be a decimal number, found ${options.chainId}`)
  if (options.dids.length === 0) usage('no DID given')
  return options
}

const options = parseArgs(process.argv.slice(2))
const chainId = BigInt(options.chainId)
const networks = [{ chainId, rpcUrl: options.rpcUrl, registry: options.registry }]
for (const name of options.names) networks.push({ name, chainId, rpcUrl: options.rpcUrl, registry: options.registry })
const resolver = new Resolver(getResolver({ networks }))

try {
  const results = []
  for (const did of options.dids) {
    results.push(await resolver.resolve(did))
  }
  process.stdout.write(JSON.stringify(results, null, 2) + '\n')
  process.exit(0)
} catch (e) {
  process.stderr.write(`resolution failed: ${e?.message ?? e}\n`)
  process.exit(1)
}
