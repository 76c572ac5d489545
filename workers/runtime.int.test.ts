import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase } from "@/scripts/testing/run-database";
import { WORKER_GROUPS } from "./registry";

/**
 * A worker as an operator sees it: a process with health and metrics endpoints that stops cleanly
 * on SIGTERM, and refuses to start on bad configuration with one line that says what to fix.
 */

function startWorker(name: string, env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/run.ts", name], {
    env: { ...process.env, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

async function poll(url: string, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url).catch(() => undefined);
    if (response) return response;
    if (Date.now() > deadline) throw new Error(`${url} did not answer`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("worker process", () => {
  it("serves health and metrics, then stops gracefully on SIGTERM", async () => {
    const port = 19_000 + Math.floor(Math.random() * 1000);
    const worker = startWorker("outbox-relay", { WORKER_HTTP_PORT: String(port), SERVICE_NAME: "outbox-relay" });

    const health = await poll(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain("gocoffee_process_cpu_seconds_total");
    expect(metrics).toContain("gocoffee_outbox_publish_errors_total");

    worker.child.kill("SIGTERM");
    const [code] = await worker.exited;
    expect(code).toBe(0);
    const lines = worker.output().stdout.trim().split("\n").map((l) => JSON.parse(l) as { msg: string; service: string });
    expect(lines.every((l) => l.service === "outbox-relay")).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["outbox-relay stopping", "outbox-relay stopped"]));
  });

  it("runs the agents' group in one process: each agent started with its own logger, one health endpoint, stopped together", async () => {
    // A database and topics of its own: the real agents would otherwise sweep every shop of the
    // shared test database at start, and consume other suites' events under their real group names.
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `${url.pathname}_agents`;
    const prefix = `${process.env.KAFKA_TOPIC_PREFIX ?? ""}agents-${Date.now().toString(36)}.`;
    await createMigratedDatabase(url.toString());
    try {
      const port = 19_000 + Math.floor(Math.random() * 1000);
      const worker = startWorker("agents", { WORKER_HTTP_PORT: String(port), SERVICE_NAME: "agents", DATABASE_URL: url.toString(), KAFKA_TOPIC_PREFIX: prefix });

      const health = await poll(`http://127.0.0.1:${port}/health`, 60_000);
      expect(health.status).toBe(200);
      worker.child.kill("SIGTERM");
      const [code] = await worker.exited;
      expect(code, JSON.stringify(worker.output()).slice(-4000)).toBe(0);
      const lines = worker.output().stdout.trim().split("\n").map((l) => JSON.parse(l) as { msg: string; component: string; workers?: string[] });
      const started = lines.find((l) => l.msg === "agents started");
      expect(started?.workers).toEqual(WORKER_GROUPS.agents);
      // Each agent logs as itself (the inventory agent says which model decides; the rest start their consumers).
      expect(lines.find((l) => l.msg === "inventory agent deciding by")?.component).toBe("inventory-agent");
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["agents stopping", "agents stopped"]));
    } finally {
      await deleteRunTopics(prefix);
      await dropRunDatabase(url.toString());
    }
  });

  it("refuses a malformed DATABASE_URL with one line", async () => {
    const worker = startWorker("outbox-relay", { DATABASE_URL: "postgres//nope" });
    const [code] = await worker.exited;
    expect(code).toBe(1);
    const stderr = worker.output().stderr.trim();
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^Invalid configuration: DATABASE_URL must be a postgresql:\/\/ URL/);
  });

  it("says which database it cannot reach, in one line", async () => {
    const worker = startWorker("outbox-relay", { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/gocoffee" });
    const [code] = await worker.exited;
    expect(code).toBe(1);
    const stderr = worker.output().stderr.trim();
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^Cannot reach PostgreSQL at 127\.0\.0\.1:1\/gocoffee .*start it \(npm run infra:up\) or fix DATABASE_URL$/);
  });

  it("names the known workers when asked for an unknown one", async () => {
    const worker = startWorker("espresso-machine", {});
    const [code] = await worker.exited;
    expect(code).toBe(1);
    expect(worker.output().stderr.trim()).toBe('Unknown worker "espresso-machine". Known: outbox-relay, order-processor, payment-watcher, analytics, inventory-agent, notifier, integrations, telegram-bot, trading, scheduler-agent, feedback-analyst, coordinator-agent, tasks-agent, inventor-agent, tasting-agent, social-agent, agents');
  });
});
