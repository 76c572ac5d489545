import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ensureTools } from "../ops/tools";

/** podman with this repository's settings (infra/docker/containers.conf: runc, explicit ulimits). */

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ENV = { ...process.env, CONTAINERS_CONF: `${ROOT}infra/docker/containers.conf` };

export function ensurePodman(): void {
  ensureTools("podman", "runc");
}

/** Runs podman, returns stdout; throws with stderr on failure. */
export function podman(args: string[], opts: { input?: string; allowFail?: boolean } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync("podman", args, { env: ENV, encoding: "utf8", input: opts.input, maxBuffer: 64 * 1024 * 1024 });
  const result = { code: r.status ?? 1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
  if (result.code !== 0 && !opts.allowFail) throw new Error(`podman ${args.slice(0, 3).join(" ")} … failed (${result.code}): ${result.stderr.trim().split("\n").slice(-5).join("\n")}`);
  return result;
}

/** Runs podman with its output streamed (long builds), resolving to the exit code. */
export function podmanStreamed(args: string[], prefix: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("podman", args, { env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    const print = (d: Buffer) => {
      for (const line of d.toString().split("\n")) if (line.trim() && /^(STEP|\[|COMMIT|Successfully|Error|error)/.test(line)) process.stdout.write(`${prefix} ${line.slice(0, 160)}\n`);
    };
    child.stdout.on("data", print);
    child.stderr.on("data", print);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

export const imageExists = (name: string) => podman(["image", "exists", name], { allowFail: true }).code === 0;
