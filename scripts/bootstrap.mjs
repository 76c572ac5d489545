// Installs dependencies when they are missing or older than package-lock.json, so `npm test` and
// `npm run demo` work on a fresh clone. Plain Node (no dependencies): it runs before they exist.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const installed = "node_modules/.package-lock.json";
const stale = !existsSync(installed) || statSync("package-lock.json").mtimeMs > statSync(installed).mtimeMs;

if (stale) {
  console.log("bootstrap: installing dependencies (npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
} else if (!existsSync("lib/db/generated/client.ts")) {
  const result = spawnSync(process.execPath, ["scripts/prisma.mjs", "generate"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
