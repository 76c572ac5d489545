import type { Db, Prisma } from "@/lib/db";
import type { Decision } from "./decide";

type Tx = Prisma.TransactionClient;

export type RunRecord = {
  agent: string;
  shopId: string | null;
  triggerEventId: string | null;
  inputsSummary: string;
  promptVersion: string;
  latencyMs: number;
};

/** Records one agent run (every run: what triggered it, who decided, what came out). Returns its id. */
export async function recordRun(tx: Tx, run: RunRecord, decision: Decision<unknown>, output: Prisma.InputJsonValue): Promise<string> {
  const row = await tx.agentRun.create({
    data: {
      ...run,
      provider: decision.provider,
      model: decision.model,
      output,
      inputTokens: decision.inputTokens,
      outputTokens: decision.outputTokens,
      costMicroUsd: decision.costMicroUsd === null ? null : BigInt(decision.costMicroUsd),
      ...(decision.toolCalls.length > 0 ? { toolCalls: decision.toolCalls as Prisma.InputJsonValue } : {}),
      outcome: decision.outcome,
      error: decision.error,
    },
    select: { id: true },
  });
  return row.id;
}

export type AgentStats = {
  agent: string;
  runs: number;
  succeeded: number;
  fallbacks: number;
  failed: number;
  avgLatencyMs: number;
  p95LatencyMs: number;
  inputTokens: number;
  outputTokens: number;
  byRules: number;
  /** Estimated cost of the runs that have one (micro-USD); null when none has. */
  costMicroUsd: number | null;
  /** Model runs without a cost (no price was configured when they ran): the sum leaves them out. */
  unpricedModelRuns: number;
};

/** Per agent over the last `days`: runs, how many the model (or rules) decided without falling back, latency, tokens, cost. */
export async function agentStats(db: Db, shopId: string, days = 7, now = new Date()): Promise<AgentStats[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const rows = await db.$queryRaw<{ agent: string; runs: bigint; ok: bigint; fallback: bigint; failed: bigint; avg_ms: number; p95_ms: number; tin: bigint; tout: bigint; rules: bigint; cost: bigint | null; unpriced: bigint }[]>`
    SELECT agent, count(*) AS runs,
      count(*) FILTER (WHERE outcome = 'OK') AS ok, count(*) FILTER (WHERE outcome = 'FALLBACK') AS fallback, count(*) FILTER (WHERE outcome = 'FAILED') AS failed,
      coalesce(avg(latency_ms), 0)::float8 AS avg_ms, coalesce(percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms), 0)::float8 AS p95_ms,
      coalesce(sum(input_tokens), 0)::bigint AS tin, coalesce(sum(output_tokens), 0)::bigint AS tout, count(*) FILTER (WHERE provider = 'rules') AS rules,
      sum(cost_micro_usd)::bigint AS cost, count(*) FILTER (WHERE provider <> 'rules' AND cost_micro_usd IS NULL) AS unpriced
    FROM agent_runs WHERE shop_id = ${shopId}::uuid AND created_at >= ${since}
    GROUP BY agent ORDER BY agent`;
  return rows.map((r) => ({ agent: r.agent, runs: Number(r.runs), succeeded: Number(r.ok), fallbacks: Number(r.fallback), failed: Number(r.failed), avgLatencyMs: Math.round(r.avg_ms), p95LatencyMs: Math.round(r.p95_ms), inputTokens: Number(r.tin), outputTokens: Number(r.tout), byRules: Number(r.rules), costMicroUsd: r.cost === null ? null : Number(r.cost), unpricedModelRuns: Number(r.unpriced) }));
}

export async function recentRuns(db: Db, shopId: string, take = 20) {
  return db.agentRun.findMany({ where: { shopId }, orderBy: { createdAt: "desc" }, take });
}
