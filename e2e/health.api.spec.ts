import { expect, test } from "@playwright/test";

test("the health endpoint reports the database, Kafka and Redis as reachable, and nothing more", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  // "ok" or "down" per dependency: no hosts, ports, latencies or driver errors for strangers.
  expect(await response.json()).toEqual({ status: "ok", checks: { db: "ok", kafka: "ok", redis: "ok" } });
});

test("the metrics endpoint speaks Prometheus to the scraper's bearer token, and to nobody else", async ({ request }) => {
  const token = process.env.METRICS_TOKEN!;
  const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  expect(await response.text()).toContain("gocoffee_process_cpu_seconds_total");

  for (const authorization of [undefined, "Bearer wrong-token-of-some-length", `Basic ${token}`, `Bearer ${token}x`]) {
    const refused = await request.get("/api/metrics", { headers: authorization ? { authorization } : {} });
    expect(refused.status(), authorization).toBe(401);
    expect(await refused.text()).not.toContain("gocoffee_");
  }
});
