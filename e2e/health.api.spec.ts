import { expect, test } from "@playwright/test";

test("the health endpoint reports the database, Kafka and Redis as reachable", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", checks: { database: { ok: true }, kafka: { ok: true }, redis: { ok: true } } });
});

test("the metrics endpoint speaks Prometheus", async ({ request }) => {
  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/plain");
  expect(await response.text()).toContain("gocoffee_process_cpu_seconds_total");
});
