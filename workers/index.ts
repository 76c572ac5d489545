import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { assertProductionReady, ConfigError, env } from "@/lib/env";
import { SERVER_NODE_FLAGS } from "@/lib/startup/node-flags";
import { runMain } from "@/lib/startup/preflight";
import { knownNames, PROCESSES, WORKERS, workersNamed } from "./registry";

/**
 * `npm run workers [name...]`: starts each process of `PROCESSES` (registry.ts: a worker alone, or
 * the agents' group), or each named worker or group, as its own child (so one crash or one slow
 * worker cannot take the others down), restarts a crashed one with backoff, and on SIGTERM/SIGINT
 * passes the signal on and waits for every one to stop gracefully.
 */

const runScript = fileURLToPath(new URL("./run.ts", import.meta.url));

type Supervised = { name: string; port: number; child?: ChildProcess; restarts: number };

runMain(async () => {
  // Configuration the workers would refuse stops the supervisor too, instead of restarting them forever.
  assertProductionReady();
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => !workersNamed(n));
  if (unknown.length > 0) throw new ConfigError(`Unknown worker(s): ${unknown.join(", ")}. Known: ${knownNames().join(", ")}`);
  // Named ones keep the layout's order (ports: the relay first, then the processor, …), not argv's.
  const order = [...new Set([...PROCESSES, ...WORKERS.map((w) => w.name)])];
  const selected = names.length > 0 ? order.filter((n) => names.includes(n)) : PROCESSES;
  const basePort = env().WORKER_HTTP_PORT;

  let stopping = false;
  const supervised: Supervised[] = selected.map((name, i) => ({ name, port: basePort === 0 ? 0 : basePort + i, restarts: 0 }));

  const launch = (s: Supervised) => {
    const started = Date.now();
    // CPU-profiling flags given to the supervisor (bench:orders with BENCH_CPU_PROFILE) reach each worker.
    const profiling = process.execArgv.filter((a) => a.startsWith("--cpu-prof"));
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...profiling, "--import", "tsx", runScript, s.name], {
      stdio: "inherit",
      env: { ...process.env, SERVICE_NAME: s.name, WORKER_HTTP_PORT: String(s.port) },
    });
    s.child = child;
    child.on("exit", (code, signal) => {
      s.child = undefined;
      if (stopping) return;
      // A worker that ran for a while gets a fresh backoff; one that dies at once waits longer each time.
      s.restarts = Date.now() - started > 60_000 ? 1 : s.restarts + 1;
      const delay = Math.min(500 * 2 ** (s.restarts - 1), 30_000);
      process.stderr.write(`worker ${s.name} exited (${signal ?? code}); restarting in ${delay} ms\n`);
      setTimeout(() => stopping || launch(s), delay);
    });
  };
  supervised.forEach(launch);
  process.stdout.write(`workers: ${supervised.map((s) => `${s.name} (health http://127.0.0.1:${s.port}/health)`).join(", ")}\n`);

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const running = supervised.flatMap((s) => (s.child ? [s.child] : []));
    if (running.length === 0) process.exit(0);
    let left = running.length;
    for (const child of running) {
      child.once("exit", () => --left === 0 && process.exit(0));
      child.kill(signal);
    }
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
});
