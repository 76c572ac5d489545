import type { Prisma } from "@/lib/db";
import type { BatchHandler, ConsumedEvent } from "@/lib/kafka/consumer";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { rulesDecision } from "../core/decide";
import { recordRun } from "../core/runs";
import { alertResolved, alreadyComplete, deliveryReceived, OPEN_STATUSES, TASKS_AGENT, taskForAlert, tasksForApproval, transferReceived, type Completion, type TaskDraft } from "./rules";

type Tx = Prisma.TransactionClient;

export const TASKS_CONSUMER = "agents-tasks";
/** The rules' version: a run says which templates made its tasks. */
export const PROMPT_VERSION = "tasks-rules-v1";

/** A task made or changed: announced on agents.tasks.v1 (what ClickUp mirrors). */
type Changed = { id: string; shopId: string; title: string; status: "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED" };

/** What one batch did in one shop: one run record each. */
type ShopRun = { triggerEventId: string; inputs: string[]; created: { id: string; title: string }[]; closed: string[]; changed: Changed[]; started: number };

/**
 * The task manager's consumer: approved proposals (agents.proposals.v1) and raised alerts
 * (agents.alerts.v1) become tasks; a delivery counted in, a transfer counted in
 * (inventory.events.v1) or an alert resolved closes theirs. It reads the proposal or alert from
 * the database rather than trusting the order of three topics: an approval heard after its
 * delivery makes a task already closed; a raise heard after its resolution makes none. One task
 * per source (unique source kind + id, inserted with ON CONFLICT DO NOTHING), on top of the
 * consumer's processed-events guard. Each shop the batch touched gets a run (provider "rules").
 */
export const tasksHandler: BatchHandler = {
  types: ["agents.proposal_decided", "agents.alert", "inventory.delivery_received", "inventory.transfer_changed"],
  wants: (e) =>
    (e.type === "agents.proposal_decided" && e.payload.status === "APPROVED") ||
    (e.type === "agents.alert" && e.payload.severity !== "info") ||
    (e.type === "inventory.delivery_received" && e.payload.proposalId !== null) ||
    (e.type === "inventory.transfer_changed" && e.payload.status === "RECEIVED"),
  async handle(events, { tx }) {
    const runs = new Map<string, ShopRun>();
    const runOf = (shopId: string, e: ConsumedEvent) => {
      let run = runs.get(shopId);
      if (!run) runs.set(shopId, (run = { triggerEventId: e.id, inputs: [], created: [], closed: [], changed: [], started: performance.now() }));
      return run;
    };
    for (const e of events) {
      const at = new Date(e.occurredAt);
      switch (e.type) {
        case "agents.proposal_decided": {
          runOf(e.payload.shopId, e).inputs.push(`approved ${e.payload.kind} ${e.payload.proposalId}`);
          const p = await tx.agentProposal.findUnique({ where: { id: e.payload.proposalId } });
          if (!p || p.status !== "APPROVED" || !p.decidedAt) break;
          const drafts = tasksForApproval({ id: p.id, agent: p.agent, shopId: p.shopId, kind: p.kind, title: p.title, payload: p.payload, decidedAt: p.decidedAt });
          for (const t of await createTasks(tx, drafts, p.doneAt)) made(runOf(t.shopId, e), t);
          break;
        }
        case "agents.alert": {
          const { alertId, shopId, resolved } = e.payload;
          runOf(shopId, e).inputs.push(`${e.payload.severity} alert ${resolved ? "resolved" : "raised"} ${e.payload.subject}`);
          if (resolved) {
            for (const t of await closeTasks(tx, alertResolved(alertId), at)) closed(runOf(t.shopId, e), t);
            break;
          }
          const alert = await tx.agentAlert.findUnique({ where: { id: alertId } });
          if (!alert || alert.resolvedAt) break; // resolved before we heard of it: nothing to do
          const draft = taskForAlert({ id: alert.id, agent: alert.agent, shopId: alert.shopId, severity: alert.severity, message: alert.message, createdAt: alert.createdAt });
          if (draft) for (const t of await createTasks(tx, [draft], null)) made(runOf(t.shopId, e), t);
          break;
        }
        case "inventory.delivery_received": {
          runOf(e.payload.shopId, e).inputs.push(`delivery received for ${e.payload.proposalId}`);
          for (const t of await closeTasks(tx, deliveryReceived(e.payload.proposalId!), at)) closed(runOf(t.shopId, e), t);
          break;
        }
        case "inventory.transfer_changed": {
          runOf(e.payload.toShopId, e).inputs.push(`transfer received ${e.payload.proposalId}`);
          const to = await tx.shop.findUnique({ where: { id: e.payload.toShopId }, select: { name: true } });
          for (const t of await closeTasks(tx, transferReceived(e.payload.proposalId, to?.name), at)) closed(runOf(t.shopId, e), t);
          break;
        }
        default:
          break;
      }
    }
    const changed = [...runs.values()].flatMap((r) => r.changed);
    await enqueueEvents(tx, changed.map((t) => createEvent("agents.task_changed", t.id, { taskId: t.id, shopId: t.shopId, status: t.status, source: null })));
    for (const [shopId, run] of runs) {
      const runId = await recordRun(
        tx,
        { agent: TASKS_AGENT, shopId, triggerEventId: run.triggerEventId, inputsSummary: run.inputs.join("; ").slice(0, 1000), promptVersion: PROMPT_VERSION, latencyMs: Math.round(performance.now() - run.started) },
        rulesDecision(null),
        { created: run.created.map((t) => t.title), closed: run.closed },
      );
      if (run.created.length > 0) await tx.agentTask.updateMany({ where: { id: { in: run.created.map((t) => t.id) } }, data: { runId } });
    }
  },
};

function made(run: ShopRun, t: Changed): void {
  run.created.push(t);
  run.changed.push(t);
}

function closed(run: ShopRun, t: Changed): void {
  run.closed.push(t.title);
  run.changed.push(t);
}

/**
 * Inserts the tasks whose source has none yet (the unique source key decides, so two copies of
 * one approval never make two). `doneAt` set: the source was complete before we heard of it, so
 * the task is made closed, with that reason. Returns the ones made now.
 */
async function createTasks(tx: Tx, drafts: readonly TaskDraft[], doneAt: Date | null) {
  if (drafts.length === 0) return [];
  return tx.agentTask.createManyAndReturn({
    data: drafts.map((d) => ({ ...d, ...(doneAt ? { status: "DONE" as const, changedAt: doneAt, closedReason: alreadyComplete(d.sourceKind) } : {}) })),
    skipDuplicates: true,
    select: { id: true, shopId: true, title: true, status: true },
  });
}

/** Closes the source's tasks still open (DONE, by nobody, with the reason); closed ones stay as people left them. */
async function closeTasks(tx: Tx, c: Completion, at: Date) {
  return tx.agentTask.updateManyAndReturn({
    where: { sourceKind: { in: c.kinds }, sourceId: c.sourceId, status: { in: [...OPEN_STATUSES] } },
    data: { status: "DONE", changedBy: null, changedAt: at, closedReason: c.reason },
    select: { id: true, shopId: true, title: true, status: true },
  });
}
