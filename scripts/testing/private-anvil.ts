import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../infra/process";

/**
 * A private anvil for one test file: its own port and chain, so tests may snapshot/revert, mine and
 * reorganise without touching the shared chain on 8545 that others use. Stopped by `stop()`
 * (by its own pid only).
 */

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export type PrivateAnvil = { rpcUrl: string; port: number; stop(): Promise<void> };


function binary(): string {
  const platform = join(ROOT, "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
  return existsSync(platform) ? platform : join(ROOT, "node_modules/.bin/anvil");
}

export async function startPrivateAnvil(args: string[] = []): Promise<PrivateAnvil> {
  const port = await freePort();
  const rpcUrl = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(binary(), ["--host", "127.0.0.1", "--port", String(port), "--chain-id", "31337", "--silent", ...args], { stdio: "ignore" });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const res = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }) });
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`private anvil exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("private anvil did not answer within 15 s");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    rpcUrl,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
