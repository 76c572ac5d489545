import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { signSlackRequest } from "./signature";

/**
 * The Slack interactivity door as a stranger (or Slack) meets it: requests against the real route
 * handler and database. Only a request signed with the signing secret changes anything.
 */

const SECRET = vi.hoisted(() => {
  const secret = "test-signing-secret-0123456789abcdef";
  process.env.SLACK_SIGNING_SECRET = secret;
  return secret;
});

const db = createDb(env().DATABASE_URL, 2);
const key = `order.cancelled:${crypto.randomUUID()}:test`;
const payload = (value: string) => `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: "U123", username: "maria" }, actions: [{ action_id: "gocoffee.ack", value }] }))}`;
const post = async (body: string, headers: Record<string, string>) => {
  const { POST } = await import("@/app/api/integrations/slack/interactivity/route");
  return POST(new Request("http://127.0.0.1/api/integrations/slack/interactivity", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body }));
};
const signed = (body: string, ts = Math.floor(Date.now() / 1000)) => ({ "x-slack-request-timestamp": String(ts), "x-slack-signature": signSlackRequest(SECRET, String(ts), body) });
const ackedBy = async () => (await db.integrationDelivery.findUniqueOrThrow({ where: { idempotencyKey: key } })).acknowledgedBy;

beforeAll(async () => {
  const integration = await db.integration.create({ data: { kind: "SLACK", name: "Interactivity", credentials: "v1.x.x.x.x", config: { channel: "#ops" }, shopIds: [], events: ["order.cancelled"] } });
  await db.integrationDelivery.create({ data: { integrationId: integration.id, idempotencyKey: key, kind: "order.cancelled", message: { text: "x" }, status: "DELIVERED" } });
});
afterAll(async () => {
  await db.integration.deleteMany({ where: { name: "Interactivity" } });
  await db.$disconnect();
});

describe("POST /api/integrations/slack/interactivity", () => {
  it("refuses unsigned, wrongly signed, replayed-late and altered requests with 401, changing nothing", async () => {
    const body = payload(key);
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, { "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": `v0=${randomBytes(32).toString("hex")}` })).status).toBe(401);
    expect((await post(body, signed(body, Math.floor(Date.now() / 1000) - 600))).status).toBe(401);
    const headers = signed(body);
    expect((await post(payload(key.replace("test", "other")), headers)).status).toBe(401);
    const answer = await post(body, {});
    expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/missing Slack signature headers/);
    expect(await ackedBy()).toBeNull();
  });

  it("a signed 'Acknowledge' press records who acknowledged the alert, once", async () => {
    const body = payload(key);
    const r = await post(body, signed(body));
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ acknowledged: 1 });
    expect(await ackedBy()).toBe("maria");
    expect(await (await post(body, signed(body))).json()).toEqual({ acknowledged: 0 });
  });

  it("answers a signed but malformed body with 422, and other interaction types with 200", async () => {
    expect((await post("nothing=here", signed("nothing=here"))).status).toBe(422);
    expect((await post("payload=%7Bnot-json", signed("payload=%7Bnot-json"))).status).toBe(422);
    const other = `payload=${encodeURIComponent(JSON.stringify({ type: "view_submission" }))}`;
    expect(await (await post(other, signed(other))).json()).toEqual({ acknowledged: 0 });
  });
});
