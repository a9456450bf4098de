#!/usr/bin/env node
// Builds the contracts from a fresh clone with nothing but the machine's Node (20+) and npm:
//   node scripts/build.mjs node    prints the path of a Node >= 22.13 (installs one if needed)
//   node scripts/build.mjs build   npm ci + hardhat build
//   node scripts/build.mjs test    build, then hardhat test
// Each step is skipped when its inputs have not changed since it last succeeded.
// Hardhat 3 needs Node 22; when the machine's Node is older, Node 22 comes from the npm registry
// (package node-<platform>-<arch>) into .tools/, which git ignores.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const NODE_MAJOR = 22;
const NODE_MIN = [22, 13];
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tools = join(root, ".tools");
const stamps = join(tools, "stamps");

function fail(message) {
  console.error(`contracts: ${message}`);
  process.exit(1);
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: ["ignore", "inherit", "inherit"],
    shell: process.platform === "win32",
  });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) fail(`${command} ${args.join(" ")} failed (exit ${result.status})`);
}

function versionAtLeast(version, [major, minor]) {
  const [a, b] = version.replace(/^v/, "").split(".").map(Number);
  return a > major || (a === major && b >= minor);
}

/** A Node binary of at least 22.13: this one, or one installed from the npm registry. */
function ensureNode() {
  if (versionAtLeast(process.versions.node, NODE_MIN)) return process.execPath;
  const platform = process.platform === "win32" ? "win" : process.platform;
  const pkg = `node-${platform}-${process.arch}`;
  const bin = join(tools, "node_modules", pkg, "bin", process.platform === "win32" ? "node.exe" : "node");
  if (!existsSync(bin)) {
    console.error(`contracts: Node ${process.versions.node} is older than 22.13; installing ${pkg}@${NODE_MAJOR} from the npm registry into .tools/`);
    mkdirSync(tools, { recursive: true });
    run("npm", ["install", "--prefix", tools, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `${pkg}@${NODE_MAJOR}`]);
  }
  if (!existsSync(bin)) fail(`${pkg} installed no ${bin}`);
  return bin;
}

function filesUnder(path) {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => filesUnder(join(path, name)));
}

function digest(paths, extra) {
  const hash = createHash("sha256").update(extra);
  for (const file of paths.flatMap((p) => filesUnder(join(root, p)))) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** Runs `action` unless the stamp named `name` already records `key`; records it on success. */
function step(name, key, needs, action) {
  const stamp = join(stamps, name);
  const upToDate = existsSync(stamp) && readFileSync(stamp, "utf8") === key && needs.every((p) => existsSync(join(root, p)));
  if (upToDate) return;
  action();
  mkdirSync(stamps, { recursive: true });
  writeFileSync(stamp, key);
}

const command = process.argv[2] ?? "build";
if (!["node", "build", "test"].includes(command)) fail(`unknown command '${command}' (node, build or test)`);

const node = ensureNode();
if (command === "node") {
  process.stdout.write(node + "\n");
  process.exit(0);
}

// npm and Hardhat must run on the Node found above: put it first on PATH for the child processes.
const env = { ...process.env, PATH: dirname(node) + delimiter + (process.env.PATH ?? "") };
const hardhat = (...args) => run(node, [join(root, "node_modules", "hardhat", "dist", "src", "cli.js"), ...args], env);
const nodeVersion = spawnSync(node, ["--version"], { encoding: "utf8" }).stdout.trim();

const lockKey = digest(["package-lock.json"], nodeVersion);
step("npm-ci", lockKey, ["node_modules/hardhat"], () => run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], env));

const sources = ["contracts", "test", "hardhat.config.js", "package-lock.json"];
const sourceKey = digest(sources, nodeVersion);
step("build", sourceKey, ["artifacts/contracts"], () => hardhat("build", "--quiet"));
if (command === "test") step("test", sourceKey, [], () => hardhat("test"));
