import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { SERVER_NODE_FLAGS } from "../../lib/startup/node-flags";

/**
 * The app (`next start` on the test build, .next-test) and the workers as child processes, for
 * the operations checks that need the whole product running (tracing, the restore drill).
 */

export const TEST_DIST_DIR = ".next-test";
export const SHOP_SLUG = "sfo-terminal-2";

export type Stack = { baseUrl: string; workerPort: number; output: () => string; stop: () => Promise<void> };

export function hasTestBuild(): boolean {
  return existsSync(`${TEST_DIST_DIR}/BUILD_ID`);
}

/** Whether nothing listens on (or has bound) 127.0.0.1:port right now. */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** workers/registry.ts PROCESSES.length: what the supervisor starts when named nothing (not imported: it loads every worker). */
const ALL_PROCESSES = 8;

/**
 * Ports for the app and the workers (the supervisor serves worker N on workerPort + N, so a run of
 * them). Chosen below the kernel's ephemeral range (32768 and up here): a port up there can be
 * taken at any moment as the local end of an outgoing connection (to PostgreSQL, Kafka), which is
 * how a worker once found its port in use. Each port is checked free first.
 */
async function freePortPair(workerCount: number): Promise<{ port: number; workerPort: number }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 12_000);
    const ports = Array.from({ length: workerCount + 1 }, (_, i) => base + i);
    const free = await Promise.all(ports.map(portIsFree));
    if (free.every(Boolean)) return { port: base, workerPort: base + 1 };
  }
  throw new Error("no run of free ports found between 20000 and 32000");
}

async function waitFor(url: string, timeoutMs: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}):\n${output().slice(-3000)}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy:\n${output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * These checks place their orders from one address without cookies (the restore drill keeps a
 * stream of them flowing): the per-client placement limits (docs/security.md) are raised for them.
 */
const WIDE_PLACEMENT_LIMITS = { ORDER_LIMIT_GUEST_PER_MINUTE: "100000", ORDER_LIMIT_IP_PER_MINUTE: "100000", GUEST_OPEN_ORDERS_MAX: "100000" };

export async function startStack(env: Record<string, string>, opts: { workers?: string[] } = {}): Promise<Stack> {
  const { port, workerPort } = await freePortPair(opts.workers?.length || ALL_PROCESSES);
  let output = "";
  const common = { ...process.env, NEXT_DIST_DIR: TEST_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1", APP_URL: `http://127.0.0.1:${port}`, WORKER_HTTP_PORT: String(workerPort), ...WIDE_PLACEMENT_LIMITS, ...env };
  const spawnLogged = (args: string[], name: string) => {
    // The supervisor names each worker process itself.
    const child = spawn(process.execPath, args, { env: name === "app" ? { ...common, SERVICE_NAME: "app" } : common, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
    return child;
  };
  const app = spawnLogged([...SERVER_NODE_FLAGS, "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], "app");
  const workers = spawnLogged(["--import", "tsx", "workers/index.ts", ...(opts.workers ?? [])], "workers");
  const stop = async () => {
    for (const child of [app, workers]) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  };
  try {
    await waitFor(`http://127.0.0.1:${port}/api/health`, 90_000, app, () => output);
    await waitFor(`http://127.0.0.1:${workerPort}/health`, 60_000, workers, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `http://127.0.0.1:${port}`, workerPort, output: () => output, stop };
}

/** Places a pay-at-pickup order through the public API, as a customer's browser would. */
export async function placeOrder(baseUrl: string, headers: Record<string, string> = {}): Promise<{ id: string; status: string; totalCents: number; trackingToken: string }> {
  const response = await fetch(`${baseUrl}/api/orders`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl, ...headers },
    body: JSON.stringify({ shop: SHOP_SLUG, customerName: "Grace Hopper", items: [{ product: "caffe-latte", quantity: 1, options: { size: ["large"], milk: ["oat"] } }] }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST /api/orders answered ${response.status}: ${text}`);
  return (JSON.parse(text) as { order: { id: string; status: string; totalCents: number; trackingToken: string } }).order;
}

/** Waits until the (guest) order reaches one of the statuses (through GET /api/orders/:id with its tracking token). */
export async function waitForStatus(baseUrl: string, { id, trackingToken }: { id: string; trackingToken: string }, statuses: string[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/orders/${id}`, { headers: { "x-order-token": trackingToken } });
    if (response.ok) {
      last = ((await response.json()) as { order: { status: string } }).order.status;
      if (statuses.includes(last)) return last;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`order ${id} is ${last || "unknown"}, not ${statuses.join("/")}, after ${timeoutMs} ms`);
}
