#!/usr/bin/env node
// Runs a Hardhat dev node for a parent process (the SDK's DevChain) and makes sure it dies with it:
//   node scripts/devnode.mjs PORT
// The node is stopped when this process gets SIGTERM/SIGINT, and also when our stdin closes, which
// happens when the parent exits in any way, including a crash or kill -9 that runs no shutdown hook.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const port = process.argv[2];
if (!/^\d{1,5}$/.test(port ?? "")) {
  console.error("usage: devnode.mjs PORT");
  process.exit(2);
}

const child = spawn(
  process.execPath,
  [join(root, "node_modules", "hardhat", "dist", "src", "cli.js"), "node", "--hostname", "127.0.0.1", "--port", port],
  { cwd: root, stdio: ["ignore", "inherit", "inherit"] },
);

let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  child.kill("SIGTERM");
  const force = setTimeout(() => child.kill("SIGKILL"), 3000);
  child.once("exit", () => {
    clearTimeout(force);
    process.exit(code);
  });
}

child.on("exit", (code, signal) => {
  if (!stopping) process.exit(code ?? (signal ? 1 : 0));
});
process.on("SIGTERM", () => stop(0));
process.on("SIGINT", () => stop(0));
process.stdin.on("end", () => stop(0));
process.stdin.on("close", () => stop(0));
process.stdin.resume();
