import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { interpolate, loadCompose, startOrder } from "@/scripts/images/compose-run";
import { PROCESSES, WORKERS, workersNamed } from "@/workers/registry";

/**
 * The compose file, read the way the image check (npm run check:images) and Compose read it:
 * what it runs, in which order, and that no secret has a default. Starting it is the image check.
 */

const text = readFileSync(fileURLToPath(new URL("compose.yaml", import.meta.url)), "utf8");
const SECRETS = { POSTGRES_PASSWORD: "pg-secret", REDIS_PASSWORD: "redis-secret", NEXTAUTH_SECRET: "a-long-enough-session-secret" };

describe("infra/docker/compose.yaml", () => {
  it("refuses to start without each secret: nothing defaults to a known value", () => {
    for (const name of Object.keys(SECRETS)) {
      const env = { ...SECRETS, [name]: undefined };
      expect(() => loadCompose(text, env), name).toThrow(new RegExp(`${name} is required`));
      expect(() => loadCompose(text, { ...SECRETS, [name]: "" }), `${name} empty`).toThrow(/is required/);
    }
    // Every secret-looking setting of every service is one of the variables given.
    const file = loadCompose(text, SECRETS);
    for (const [name, service] of Object.entries(file.services))
      for (const [key, value] of Object.entries(service.environment ?? {})) if (/PASSWORD|SECRET/.test(key)) expect(Object.values(SECRETS), `${name} ${key}`).toContain(value);
    expect(file.services.app!.environment!.DATABASE_URL).toBe("postgresql://postgres:pg-secret@postgres:5432/gocoffee");
    expect(file.services["order-processor"]!.environment!.NEXTAUTH_SECRET).toBe(SECRETS.NEXTAUTH_SECRET);
  });

  it("runs the whole product: databases, Kafka, the chain, migrations, the app and every worker", () => {
    const file = loadCompose(text, SECRETS);
    const order = startOrder(file, []);
    expect(new Set(order)).toEqual(new Set(["postgres", "redis", "kafka", "anvil", "chain-deploy", "migrate", "app", ...PROCESSES]));
    const before = (a: string, b: string) => expect(order.indexOf(a), `${a} before ${b}`).toBeLessThan(order.indexOf(b));
    before("migrate", "app");
    before("chain-deploy", "payment-watcher");
    for (const p of PROCESSES) expect(file.services[p]!.command).toEqual(["worker", p]);
    // Every worker runs in one of them, once.
    expect(PROCESSES.flatMap((p) => workersNamed(p)!.map((w) => w.name)).sort()).toEqual(WORKERS.map((w) => w.name).sort());
    expect(file.services.migrate!.depends_on).toEqual({ postgres: { condition: "service_healthy" } });
    // Only the app is published.
    expect(Object.entries(file.services).filter(([, s]) => s.ports?.length).map(([n]) => n)).toEqual(["app"]);
  });

  it("seeds demo data only in the demo profile", () => {
    const file = loadCompose(text, SECRETS);
    expect(startOrder(file, [])).not.toContain("seed");
    const demo = startOrder(file, ["demo"]);
    expect(demo.indexOf("seed")).toBeGreaterThan(demo.indexOf("migrate"));
  });

  it("interpolates as Compose does", () => {
    expect(interpolate("a ${X:-d} ${Y-e} $$Z ${W}", { X: "", Y: "" })).toBe("a d  $Z ");
    expect(() => interpolate("${X:?need X}", {})).toThrow("X is required: need X");
  });
});
