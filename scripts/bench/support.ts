import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";

/** What bench:orders and bench:dashboard share: their own processes, sign-in, percentiles. */

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** Waits (up to 60 s) for a worker's /health to answer 200. */
export async function waitForWorkerHealth(port: number, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return;
    } catch {
      // starting
    }
    await sleep(200);
  }
  throw new Error(`${name} did not become healthy within 60 s`);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Processes a bench started, each in its own process group, logging into `logDir`. */
export class BenchProcesses {
  readonly children: ChildProcess[] = [];
  constructor(
    private readonly root: string,
    readonly logDir: string,
  ) {}

  start(label: string, args: string[], env: Record<string, string>): ChildProcess {
    mkdirSync(this.logDir, { recursive: true });
    const fd = openSync(join(this.logDir, `${label}.log`), "a");
    // BENCH_CPU_PROFILE=1: the app and every worker write a .cpuprofile when they exit (Node refuses these flags in NODE_OPTIONS),
    // sampling every 10 ms: Node's default 1 ms costs each of the ten processes ~15 % of a core, idle or not.
    const profile = process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", "--cpu-prof-interval=10000", `--cpu-prof-dir=${join(this.logDir, "profiles")}`] : [];
    const child = spawn(process.execPath, [...profile, ...args], { cwd: this.root, detached: true, stdio: ["ignore", fd, fd], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env } });
    closeSync(fd);
    this.children.push(child);
    return child;
  }

  async stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const gone = new Promise<void>((r) => child.once("exit", () => r()));
    const signal = (s: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, s); // its own process group: the supervisor's workers go too
      } catch {
        /* gone */
      }
    };
    signal("SIGTERM");
    if ((await Promise.race([gone.then(() => true), sleep(15_000).then(() => false)])) === false) {
      signal("SIGKILL");
      await gone;
    }
  }

  async stopAll(): Promise<void> {
    for (const child of this.children) await this.stop(child);
  }

  async waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>, alive: readonly ChildProcess[] = this.children): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      const dead = alive.find((c) => c.exitCode !== null || c.signalCode !== null);
      if (dead) throw new Error(`a process the bench started exited (${dead.spawnargs.slice(1, 3).join(" ")}); logs in ${this.logDir}`);
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what} (logs in ${this.logDir})`);
      await sleep(250);
    }
  }
}

/** Signs in through next-auth's credentials callback, as the sign-in form does; returns the Cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";", 1)[0]!;
      const eq = pair.indexOf("=");
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  keep(res);
  await res.text();
  if (!jar.get("next-auth.session-token")) throw new Error(`signing in as ${email} failed (HTTP ${res.status})`);
  return cookie();
}
