import { randomBytes } from "node:crypto";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOtlpReceiver, type ReceivedSpan } from "@/scripts/testing/otlp-receiver";
import { createMigratedDatabase, deleteRunTopics, dropRunDatabase, runResources } from "@/scripts/testing/run-database";
import { placeOrder, startStack, waitForStatus, type Stack } from "@/scripts/testing/stack";

/**
 * The running product as operations sees it: the app and all four workers on a seeded database.
 * - Tracing: one order, one trace across the app (its request span and the placement), the outbox
 *   relay (publish), the order processor (processing, and the QUEUED event it writes) and the
 *   analytics consumer, exported over OTLP to a local receiver; logs carry the trace id.
 * - Metrics: a real Prometheus scrapes the app and every worker and evaluates the alert rules.
 * Needs the test build (.next-test; scripts/test.ts makes sure it exists), PostgreSQL, Kafka and
 * anvil with the contracts deployed (the payment watcher follows it).
 */

/** The app serves /api/metrics to this bearer token only (docs/security.md), as Prometheus sends it. */
const METRICS_TOKEN = randomBytes(24).toString("base64url");
const WORKERS = ["outbox-relay", "order-processor", "payment-watcher", "analytics"];
const PROMETHEUS_DIR = fileURLToPath(new URL("prometheus/", import.meta.url));
let prometheus: ChildProcess | undefined;

const resources = runResources("test");
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let stack: Stack;

beforeAll(async () => {
  await createMigratedDatabase(resources.databaseUrl);
  const env = { DATABASE_URL: resources.databaseUrl, KAFKA_TOPIC_PREFIX: resources.topicPrefix, REDIS_KEY_PREFIX: `gocoffee:${resources.topicPrefix}`, NEXTAUTH_SECRET: randomBytes(32).toString("base64"), METRICS_TOKEN };
  const seeded = spawnSync(process.execPath, ["--import", "tsx", "prisma/seed.ts"], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);
  receiver = await startOtlpReceiver();
  stack = await startStack({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, LOG_LEVEL: "debug" }, { workers: WORKERS });
});

afterAll(async () => {
  prometheus?.kill();
  await stack?.stop();
  await receiver?.close();
  await dropRunDatabase(resources.databaseUrl);
  await deleteRunTopics(resources.topicPrefix);
});

async function spansOf(traceId: string, until: (spans: ReceivedSpan[]) => boolean, timeoutMs = 20_000): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const spans = receiver.spans.filter((s) => s.traceId === traceId);
    if (until(spans) || Date.now() > deadline) return spans;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("tracing", () => {
  it("follows an order from the POST through the relay, Kafka and two consumers in one connected trace", async () => {
    // The caller's traceparent (a browser's or a gateway's) is honoured: the whole trace is under it.
    const traceId = randomBytes(16).toString("hex");
    const callerSpan = randomBytes(8).toString("hex");
    const order = await placeOrder(stack.baseUrl, { traceparent: `00-${traceId}-${callerSpan}-01` });
    await waitForStatus(stack.baseUrl, order, ["QUEUED"]);

    const wanted = ["order.place", "publish order.placed", "process order.placed", "publish order.status_changed", "process order.status_changed"];
    // Analytics hears both events; wait for the one this test follows (the QUEUED change), not just any of its spans.
    const spans = await spansOf(traceId, (s) => wanted.every((n) => s.some((x) => x.name === n)) && s.some((x) => x.service === "analytics" && x.name === "process order.status_changed"));
    const summary = spans.map((s) => `${s.service}: ${s.name}`).sort();
    expect(new Set(spans.map((s) => s.service)), summary.join("\n")).toEqual(new Set(["app", "outbox-relay", "order-processor", "analytics"]));
    for (const name of wanted) expect(summary.join("\n")).toContain(name);

    // Connected: every span's parent is in the trace, or is the caller's span.
    const ids = new Set(spans.map((s) => s.spanId));
    for (const s of spans) expect(s.parentSpanId === callerSpan || ids.has(s.parentSpanId), `${s.service} ${s.name} has a parent outside the trace`).toBe(true);

    // The hops in order: placement → publish → processing → the QUEUED event's publish → analytics.
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestry = (s: ReceivedSpan): string[] => {
      const names: string[] = [];
      for (let p = byId.get(s.parentSpanId); p; p = byId.get(p.parentSpanId)) names.push(`${p.service}: ${p.name}`);
      return names;
    };
    const analytics = spans.find((s) => s.service === "analytics" && s.name === "process order.status_changed")!;
    expect(ancestry(analytics)).toEqual(expect.arrayContaining(["outbox-relay: publish order.status_changed", "order-processor: process order.placed", "outbox-relay: publish order.placed", "app: order.place"]));
    const placement = spans.find((s) => s.name === "order.place")!;
    expect(placement.attributes["gocoffee.order.id"]).toBe(order.id);

    // Logs carry the trace id (the order processor's debug line about the batch it handled).
    expect(stack.output()).toMatch(new RegExp(`"trace_id":"${traceId}"[^\\n]*"msg":"orders processed"|"msg":"orders processed"[^\\n]*"trace_id":"${traceId}"`));
  });
});

async function promQuery(url: string, query: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(query)}`);
  return ((await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } }).data.result;
}

describe("metrics", () => {
  it("a real Prometheus scrapes the app and every worker and evaluates the alert rules", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gocoffee-prometheus-"));
    const app = new URL(stack.baseUrl).host;
    const config = {
      global: { scrape_interval: "1s", evaluation_interval: "1s" },
      rule_files: [join(PROMETHEUS_DIR, "alerts.yml")],
      scrape_configs: [
        { job_name: "go-coffee-app", metrics_path: "/api/metrics", authorization: { credentials: METRICS_TOKEN }, static_configs: [{ targets: [app], labels: { service: "app" } }] },
        { job_name: "go-coffee-workers", static_configs: WORKERS.map((service, i) => ({ targets: [`127.0.0.1:${stack.workerPort + i}`], labels: { service } })) },
      ],
    };
    writeFileSync(join(dir, "prometheus.yml"), JSON.stringify(config));
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = `http://127.0.0.1:${port}`;
    prometheus = spawn("prometheus", [`--config.file=${join(dir, "prometheus.yml")}`, `--storage.tsdb.path=${join(dir, "data")}`, `--web.listen-address=127.0.0.1:${port}`, "--log.level=warn"], { stdio: "ignore" });

    // Traffic worth measuring: an order through the whole pipeline.
    const order = await placeOrder(stack.baseUrl);
    await waitForStatus(stack.baseUrl, order, ["QUEUED"]);

    const deadline = Date.now() + 60_000;
    let up: Awaited<ReturnType<typeof promQuery>> = [];
    let lag: Awaited<ReturnType<typeof promQuery>> = [];
    while (Date.now() < deadline) {
      up = await promQuery(url, "up").catch(() => []);
      lag = await promQuery(url, "gocoffee_kafka_consumer_lag").catch(() => []);
      // Each consumer reports its lag once it has fetched a batch: wait for both, not just the first.
      const consumers = new Set(lag.map((r) => r.metric.consumer));
      if (up.length === 5 && up.every((r) => r.value[1] === "1") && consumers.has("order-processor") && consumers.has("analytics")) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(Object.fromEntries(up.map((r) => [r.metric.service, r.value[1]]))).toEqual({ app: "1", "outbox-relay": "1", "order-processor": "1", "payment-watcher": "1", analytics: "1" });

    // What the alerts read is there, from the process that owns it.
    const placed = await promQuery(url, 'gocoffee_http_requests_total{method="POST",route="/api/orders",status="201"}');
    expect(Number(placed[0]?.value[1])).toBeGreaterThanOrEqual(1);
    expect(new Set(lag.map((r) => r.metric.consumer))).toEqual(new Set(["order-processor", "analytics"]));
    expect((await promQuery(url, "gocoffee_outbox_backlog_events"))[0]?.metric.service).toBe("outbox-relay");
    expect((await promQuery(url, "gocoffee_chain_head_block"))[0]?.metric.service).toBe("payment-watcher");
    expect((await promQuery(url, 'gocoffee_event_handled_age_seconds_count{consumer="order-processor",type="order.placed"}')).length).toBe(1);
    expect((await promQuery(url, 'gocoffee_db_pool_max{service="app"}')).length).toBe(1);

    // Every alert rule evaluates without error against real data, and none fires on a healthy stack.
    const rules = ((await (await fetch(`${url}/api/v1/rules`)).json()) as { data: { groups: { rules: { name: string; health: string; state: string; lastError?: string }[] }[] } }).data.groups.flatMap((g) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(14);
    for (const r of rules) expect(r.health, `${r.name}: ${r.lastError ?? ""}`).toBe("ok");
    expect(rules.filter((r) => r.state === "firing").map((r) => r.name)).toEqual([]);
  });
});
