import { tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createDb } from "@/lib/db";
import { env } from "@/lib/env";
import { seed } from "@/prisma/seed";
import { describeRequest, startFakeProviders, type FakeProviders, type Wire } from "@/scripts/testing/fake-llm-providers";
import { assessShop } from "../inventory/agent";
import { candidatesFor, rulesAnswer } from "../inventory/plan";
import { ledgerUsage, loadShopStock } from "../inventory/state";
import { decide } from "./decide";
import { agentModel } from "./provider";
import { agentStats } from "./runs";

/**
 * The real provider code path (provider.ts builds the AI SDK provider package's model from AGENT_*
 * settings; decide() asks it) against a local fake server speaking each provider's wire format:
 * a structured answer, a tool call and its result sent back, a timeout, a 500, malformed JSON.
 * Then the inventory agent's read-only tool through each provider, into the run record (tool
 * calls, tokens, cost) against the real database.
 */

const KEY = "test-key-7f3a";
const PROVIDERS: { wire: Wire; model: string }[] = [
  { wire: "openai-compatible", model: "qwen2.5-7b-instruct" },
  { wire: "ollama", model: "llama3.2" },
  { wire: "google", model: "gemini-2.5-flash" },
];
// $0.30 and $2.50 per million tokens, in micro-USD.
const PRICES = { AGENT_INPUT_PRICE_PER_MTOK: 300_000, AGENT_OUTPUT_PRICE_PER_MTOK: 2_500_000 };

let fake: FakeProviders;
beforeAll(async () => {
  fake = await startFakeProviders({ apiKey: KEY });
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const modelFor = (wire: Wire, modelId: string, opts: { timeoutMs?: number; priced?: boolean } = {}) =>
  agentModel({ AGENT_PROVIDER: wire, AGENT_MODEL: modelId, AGENT_BASE_URL: fake.baseUrl(wire), AGENT_API_KEY: KEY, AGENT_TIMEOUT_MS: opts.timeoutMs ?? 5_000, ...(opts.priced === false ? {} : PRICES) });

/** A small decision of the same shape agents make: an answer, checked against what exists, with a rules fallback. */
const answer = z.object({ ingredient: z.string(), quantity: z.number().int() });
const RULES = { ingredient: "oat-milk", quantity: 6 };
const decision = (model: ReturnType<typeof modelFor>, tools?: Parameters<typeof decide>[0]["tools"]) =>
  decide({
    model,
    system: "You size one order. Answer as JSON.",
    prompt: JSON.stringify({ ingredients: ["oat-milk", "whole-milk"] }),
    schema: answer,
    check: (a) => [...(["oat-milk", "whole-milk"].includes(a.ingredient) ? [] : [`unknown ingredient "${a.ingredient}"`]), ...(a.quantity >= 1 && a.quantity <= 100 ? [] : [`quantity ${a.quantity} out of bounds`])],
    rules: () => RULES,
    ...(tools ? { tools } : {}),
  });

describe.each(PROVIDERS)("$wire through the real provider package", ({ wire, model: modelId }) => {
  it("sends the model id, the answer's schema and the key, and accepts a good structured answer with its tokens and cost", async () => {
    fake.script({ answer: { ingredient: "whole-milk", quantity: 12 }, inputTokens: 1_000, outputTokens: 200 });
    const d = await decision(modelFor(wire, modelId));
    expect(d).toMatchObject({ output: { ingredient: "whole-milk", quantity: 12 }, provider: wire, model: modelId, outcome: "OK", error: null, inputTokens: 1_000, outputTokens: 200, toolCalls: [] });
    // 1,000 × $0.30/M + 200 × $2.50/M = $0.0003 + $0.0005
    expect(d.costMicroUsd).toBe(800);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.wire).toBe(wire);
    const seen = describeRequest(sent);
    expect(seen.model).toBe(modelId);
    expect(seen.system).toContain("You size one order");
    expect(seen.schema).toMatchObject({ type: "object", properties: { ingredient: { type: "string" }, quantity: { type: "integer" } } });
    expect(seen.tools).toEqual([]);
    if (wire === "openai-compatible") {
      expect(sent.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(sent.body.response_format).toMatchObject({ type: "json_schema" });
    }
    if (wire === "google") {
      expect(sent.headers["x-goog-api-key"]).toBe(KEY);
      expect(sent.body.generationConfig).toMatchObject({ responseMimeType: "application/json" });
    }
    if (wire === "ollama") expect(sent.body.stream).toBe(false);
  });

  it("executes the tool the model calls, sends its result back, and takes the answer that follows", async () => {
    const asked: string[] = [];
    const tools = {
      stock_of: tool({
        description: "The shop's stock of one ingredient.",
        inputSchema: z.object({ ingredient: z.string() }),
        execute: async ({ ingredient }) => {
          asked.push(ingredient);
          return { ingredient, onHand: 4_200, unit: "ml" };
        },
      }),
    };
    fake.script({ toolCall: "stock_of", args: { ingredient: "oat-milk" }, inputTokens: 300, outputTokens: 15 }, { answer: { ingredient: "oat-milk", quantity: 18 }, inputTokens: 400, outputTokens: 30 });
    const d = await decision(modelFor(wire, modelId), tools);

    expect(asked).toEqual(["oat-milk"]);
    expect(d).toMatchObject({ output: { ingredient: "oat-milk", quantity: 18 }, outcome: "OK", error: null, inputTokens: 700, outputTokens: 45 });
    expect(d.toolCalls).toEqual([{ attempt: 1, tool: "stock_of", input: { ingredient: "oat-milk" }, output: { ingredient: "oat-milk", onHand: 4_200, unit: "ml" } }]);
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests.map(describeRequest);
    expect(first!.tools).toEqual(["stock_of"]);
    expect(first!.schema).toMatchObject({ properties: { ingredient: {}, quantity: {} } });
    expect(first!.toolResults).toEqual([]);
    expect(second!.toolResults).toHaveLength(1);
    expect(JSON.stringify(second!.toolResults[0]!.content)).toContain("4200");
  });

  it("gives up on a provider that does not answer within the timeout: retried once, then the rules, the error recorded", async () => {
    fake.script({ hang: true }, { hang: true });
    const started = performance.now();
    const d = await decision(modelFor(wire, modelId, { timeoutMs: 300 }));
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(d).toMatchObject({ output: RULES, provider: wire, model: modelId, outcome: "FALLBACK", inputTokens: 0, outputTokens: 0, costMicroUsd: 0 });
    expect(fake.requests).toHaveLength(2);
    const lines = d.error!.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^attempt 1: .*(timeout|timed out|abort)/i);
    expect(lines[1]).toMatch(/^attempt 2: /);
  });

  it("falls back to the rules after two HTTP 500s", async () => {
    fake.script({ status: 500, message: "model runner crashed" }, { status: 500, message: "model runner crashed" });
    const d = await decision(modelFor(wire, modelId));
    expect(d).toMatchObject({ output: RULES, outcome: "FALLBACK" });
    expect(fake.requests).toHaveLength(2);
    const lines = d.error!.split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/APICallError/);
  });

  it("refuses malformed JSON twice and falls back, counting the tokens it paid for", async () => {
    fake.script({ text: '{"ingredient": "oat-milk", "quantity": ', inputTokens: 100, outputTokens: 10 }, { text: "Sure! I would order 12 litres.", inputTokens: 100, outputTokens: 10 });
    const d = await decision(modelFor(wire, modelId));
    expect(d).toMatchObject({ output: RULES, outcome: "FALLBACK", inputTokens: 200, outputTokens: 20, costMicroUsd: 110 });
    expect(fake.requests).toHaveLength(2);
    const lines = d.error!.split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/parse|JSON/i);
  });

  it("refuses a well-formed answer the checks reject, and takes the retry's good one", async () => {
    fake.script({ answer: { ingredient: "unicorn-milk", quantity: 5 } }, { answer: { ingredient: "oat-milk", quantity: 9 } });
    const d = await decision(modelFor(wire, modelId, { priced: false }));
    expect(d).toMatchObject({ output: { ingredient: "oat-milk", quantity: 9 }, outcome: "OK", costMicroUsd: null });
    expect(d.error).toBe('attempt 1: unknown ingredient "unicorn-milk"');
  });
});

it("refuses a model that keeps calling tools past the step limit", async () => {
  const tools = { stock_of: tool({ description: "Stock.", inputSchema: z.object({ ingredient: z.string() }), execute: async () => ({ onHand: 1 }) }) };
  const call = { toolCall: "stock_of", args: { ingredient: "oat-milk" } } as const;
  fake.script(...Array.from({ length: 8 }, () => call));
  const d = await decision(modelFor("openai-compatible", "qwen2.5-7b-instruct"), tools);
  expect(d).toMatchObject({ output: RULES, outcome: "FALLBACK" });
  // Four steps per attempt (decide's default), two attempts.
  expect(fake.requests).toHaveLength(8);
  expect(d.toolCalls).toHaveLength(8);
});

describe("the inventory agent's usage_by_weekday tool, through each provider", () => {
  const db = createDb(env().DATABASE_URL, 4);
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const shops: string[] = [];
  let oatId: string;

  /** A shop of its own (SFO's menu and suppliers), short of oat milk, with oat milk used 5 days ago and 9 days ago. */
  async function shortShop(name: string) {
    const sfo = await db.shop.findUniqueOrThrow({ where: { slug: "sfo-terminal-2" } });
    const shop = await db.shop.create({ data: { slug: `prov-${name}-${stamp}`, name: `Go Coffee ${name} ${stamp}`, addressLine: "1 Test Way", city: "Fresno", region: `P-${stamp}`, postalCode: "93701", country: "US", timezone: "America/Los_Angeles" } });
    shops.push(shop.id);
    await db.shopProduct.createMany({ data: (await db.shopProduct.findMany({ where: { shopId: sfo.id } })).map((p) => ({ shopId: shop.id, productId: p.productId })) });
    await db.shopSupplier.createMany({ data: (await db.shopSupplier.findMany({ where: { shopId: sfo.id } })).map((s) => ({ shopId: shop.id, ingredientId: s.ingredientId, supplierName: s.supplierName, leadTimeDays: s.leadTimeDays, packSize: s.packSize, orderDays: s.orderDays })) });
    await db.stock.createMany({ data: (await db.ingredient.findMany()).map((i) => ({ shopId: shop.id, ingredientId: i.id, onHand: i.id === oatId ? 2_000 : 50_000, reorderLevel: i.id === oatId ? 6_000 : 0 })) });
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    await db.stockMovement.createMany({
      data: [
        { shopId: shop.id, ingredientId: oatId, kind: "RESERVE", quantity: 3_000, createdAt: daysAgo(5) },
        { shopId: shop.id, ingredientId: oatId, kind: "RESERVE", quantity: 1_000, createdAt: daysAgo(9) },
        { shopId: shop.id, ingredientId: oatId, kind: "RELEASE", quantity: 200, createdAt: daysAgo(9) },
      ],
    });
    const weekday = (d: Date) => new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "America/Los_Angeles" }).format(d);
    return { id: shop.id, now, used: { [weekday(daysAgo(5))]: 3_000, [weekday(daysAgo(9))]: 800 } };
  }

  beforeAll(async () => {
    await seed(db, { historyDays: 0 });
    oatId = (await db.ingredient.findUniqueOrThrow({ where: { slug: "oat-milk" } })).id;
  });
  afterAll(async () => {
    await db.shop.updateMany({ where: { id: { in: shops } }, data: { active: false } });
    await db.$disconnect();
  });

  it.each(PROVIDERS)("$wire: the model looks up oat milk by weekday, the result goes back, its order and the run's tool call, tokens and cost are recorded", async ({ wire, model: modelId }) => {
    const shop = await shortShop(wire.replace(/\W/g, ""));
    const model = modelFor(wire, modelId);
    const candidates = await db.$transaction(async (tx) => candidatesFor(await loadShopStock(tx, shop.id, await ledgerUsage(tx, shop.id, shop.now))));
    expect(candidates.map((c) => c.slug)).toEqual(["oat-milk"]);
    const rulesQuantity = rulesAnswer(candidates).orders[0]!.quantity;
    const packSize = candidates[0]!.supplier!.packSize;

    fake.script(
      { toolCall: "usage_by_weekday", args: { ingredient: "oat-milk" }, inputTokens: 900, outputTokens: 20 },
      { answer: { orders: [{ ingredient: "oat-milk", quantity: 2 * rulesQuantity, reason: "A busy day comes back this week." }] }, inputTokens: 1_100, outputTokens: 60 },
    );
    const result = await db.$transaction((tx) => assessShop(tx, { model, usage: (t, id) => ledgerUsage(t, id, shop.now), now: () => shop.now }, shop.id, null), { timeout: 20_000 });

    // What went over the wire: the tool offered, then its answer from the ledger sent back.
    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests.map(describeRequest);
    expect(first!.tools).toEqual(["usage_by_weekday"]);
    const sentBack = second!.toolResults[0]!.content;
    const parsed = (typeof sentBack === "string" ? JSON.parse(sentBack) : sentBack) as { usedByWeekday: Record<string, number> };
    for (const [day, used] of Object.entries(shop.used)) expect(parsed.usedByWeekday[day]).toBe(used);

    // The model's quantity (in whole packs), not the rules'.
    expect(result.proposed).toHaveLength(1);
    expect(result.proposed[0]).toMatchObject({ slug: "oat-milk", quantity: Math.ceil((2 * rulesQuantity) / packSize) * packSize });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: result.runId! } });
    expect(run).toMatchObject({ provider: wire, model: modelId, outcome: "OK", promptVersion: "inventory-po-v2", inputTokens: 2_000, outputTokens: 80, costMicroUsd: 800n });
    expect(run.toolCalls).toMatchObject([{ attempt: 1, tool: "usage_by_weekday", input: { ingredient: "oat-milk" }, output: { ingredient: "oat-milk", usedByWeekday: shop.used } }]);
    const proposal = await db.agentProposal.findFirstOrThrow({ where: { runId: run.id } });
    expect(proposal.payload).toMatchObject({ provider: wire });

    const stats = await agentStats(db, shop.id);
    expect(stats).toEqual([expect.objectContaining({ agent: "inventory", runs: 1, costMicroUsd: 800, unpricedModelRuns: 0, inputTokens: 2_000, outputTokens: 80 })]);
  });

  it("answers a lookup of an ingredient it was not asked about with an error, not data", async () => {
    const shop = await shortShop("probe");
    fake.script({ toolCall: "usage_by_weekday", args: { ingredient: "espresso-beans" } }, { text: "not an answer" }, { status: 500 });
    const result = await db.$transaction((tx) => assessShop(tx, { model: modelFor("ollama", "llama3.2", { priced: false }), usage: (t, id) => ledgerUsage(t, id, shop.now), now: () => shop.now }, shop.id, null), { timeout: 20_000 });
    const run = await db.agentRun.findUniqueOrThrow({ where: { id: result.runId! } });
    expect(run).toMatchObject({ outcome: "FALLBACK", costMicroUsd: null });
    expect(run.toolCalls).toMatchObject([{ tool: "usage_by_weekday", output: { error: '"espresso-beans" is not one of the listed ingredients' } }]);
    // The rules' order stands.
    expect(result.proposed[0]!.quantity).toBe(rulesAnswer(await db.$transaction(async (tx) => candidatesFor(await loadShopStock(tx, shop.id, await ledgerUsage(tx, shop.id, shop.now))))).orders[0]!.quantity);
    expect((await agentStats(db, shop.id))[0]).toMatchObject({ costMicroUsd: null, unpricedModelRuns: 1 });
  });
});
