// Installs dependencies when they are missing or older than package-lock.json, so `npm test` and
// `npm run demo` work on a fresh clone. Plain Node (no dependencies): it runs before they exist.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

// anvil's binary comes in an optional dependency per platform (@foundry-rs/anvil-linux-amd64),
// and npm skips an optional download that fails without failing the install: a slow registry
// once left a fresh clone with no anvil and every chain test failing. Fetch it again by itself.
const wrapper = "node_modules/@foundry-rs/anvil/package.json";
if (existsSync(wrapper)) {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const name = `@foundry-rs/anvil-${process.platform}-${arch}`;
  const version = JSON.parse(readFileSync(wrapper, "utf8")).optionalDependencies?.[name];
  const target = `node_modules/${name}`;
  if (version && !existsSync(`${target}/bin/anvil`)) {
    console.log(`bootstrap: ${name}@${version} is missing (npm skips failed optional downloads); fetching it`);
    let ok = false;
    for (let attempt = 1; attempt <= 3 && !ok; attempt++) {
      const dir = mkdtempSync(join(tmpdir(), "anvil-pack-"));
      const packed = spawnSync("npm", ["pack", `${name}@${version}`, "--pack-destination", dir, "--silent"], { stdio: ["ignore", "inherit", "inherit"] });
      const tarball = packed.status === 0 ? readdirSync(dir).find((f) => f.endsWith(".tgz")) : undefined;
      if (tarball) {
        rmSync(target, { recursive: true, force: true });
        mkdirSync(target, { recursive: true });
        ok = spawnSync("tar", ["-xzf", join(dir, tarball), "-C", target, "--strip-components=1"], { stdio: "inherit" }).status === 0 && existsSync(`${target}/bin/anvil`);
        if (ok) chmodSync(`${target}/bin/anvil`, 0o755);
      }
      rmSync(dir, { recursive: true, force: true });
      if (!ok) console.log(`bootstrap: attempt ${attempt} to fetch ${name} failed`);
    }
    if (!ok) {
      console.error(`bootstrap: could not install ${name}@${version}; the local chain cannot start`);
      process.exit(1);
    }
  }
}
