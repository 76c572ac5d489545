import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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

/**
 * anvil takes port 0 and reports the port the system gave it ("Listening on 127.0.0.1:41234"): two
 * files starting at once can never end up on one chain, as they could when a free port was picked
 * first and bound later (the second anvil failed to bind and its file talked to the first's chain).
 */
export async function startPrivateAnvil(args: string[] = [], opts: { /** A port again (a chain restarted where its clients look); default: one the system picks. */ port?: number } = {}): Promise<PrivateAnvil> {
  const child: ChildProcess = spawn(binary(), ["--host", "127.0.0.1", "--port", String(opts.port ?? 0), "--chain-id", "31337", ...args], { stdio: ["ignore", "pipe", "ignore"] });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("private anvil did not start within 15 s"));
    }, 15_000);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(seen);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      // The rest of its log (a line per request) is read and dropped, so the pipe never fills.
      child.stdout!.resume();
      resolve(Number(match[1]));
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`private anvil exited with ${code}`));
    });
  });
  const rpcUrl = `http://127.0.0.1:${port}`;
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
