import { z } from "zod";
import { agentName } from "../core/names";
import { formatQuantity } from "../inventory/cover";

/**
 * The task manager's rules, pure: which approved proposal or raised alert makes which task(s),
 * when each is due, the key that makes a task unique per source, which completion closes which
 * task, and how people may move a task. No model: a task is a template filled from facts the
 * database already holds, so there is nothing a model could add that is not invented.
 */

/** The task manager's name on its runs and alerts. */
export const TASKS_AGENT = "tasks";

export type TaskStatus = "OPEN" | "IN_PROGRESS" | "DONE" | "CANCELLED";
export type TaskSourceKind = "purchase_order" | "transfer_send" | "transfer_receive" | "proposal" | "alert";
export type TaskDraft = { shopId: string; sourceKind: TaskSourceKind; sourceId: string; title: string; detail: string; dueAt: Date };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Something arriving "today" is due this many hours after approval (never at the approval itself). */
export const SAME_DAY_HOURS = 8;
/** Stock already booked out of the sender leaves the building within this many hours of approval. */
export const SEND_WITHIN_HOURS = 2;
/** An unresolved alert is dealt with within: critical 4 hours, warning a day (info alerts make no task). */
export const ALERT_DUE_HOURS = { critical: 4, warning: 24 } as const;
/** Any other approved proposal (an agent not built yet) is carried out within a day. */
export const PROPOSAL_DUE_HOURS = 24;
/** A title longer than this is cut (an alert's message can be long; the detail keeps it whole). */
const MAX_TITLE = 160;

/** The idempotency key: one task per source, whatever delivers its event how often. */
export function sourceKey(kind: TaskSourceKind, id: string): string {
  return `${kind}:${id}`;
}

/** Expected arrival after `days` of lead or transit time, and never sooner than later the same day. */
export function arrivalDue(approvedAt: Date, days: number): Date {
  return new Date(approvedAt.getTime() + Math.max(days * DAY, SAME_DAY_HOURS * HOUR));
}

const unit = z.enum(["GRAM", "MILLILITER", "PIECE"]);
/** What lib/agents/inventory puts in a purchase order's payload (the parts a task needs). */
const purchaseOrder = z.object({ name: z.string().min(1), unit, quantity: z.number().int().positive(), packSize: z.number().int().positive(), supplier: z.string().min(1), leadTimeDays: z.number().int().nonnegative() });
/** What lib/inventory/transfers.ts puts in a transfer's payload (the parts a task needs). */
const transfer = z.object({ fromShopId: z.uuid(), fromShopName: z.string().min(1), toShopId: z.uuid(), toShopName: z.string().min(1), name: z.string().min(1), unit, quantity: z.number().int().positive(), packSize: z.number().int().positive(), transitDays: z.number().int().nonnegative() });

export type ApprovedProposal = { id: string; agent: string; shopId: string; kind: string; title: string; payload: unknown; decidedAt: Date };

function packs(quantity: number, packSize: number, u: z.infer<typeof unit>): string {
  return quantity % packSize === 0 ? ` (${quantity / packSize} × ${formatQuantity(packSize, u)})` : "";
}

const cut = (s: string) => (s.length > MAX_TITLE ? `${s.slice(0, MAX_TITLE - 1)}…` : s);

/** Approved proposals that need no person: publishing, booking a tasting, putting a drink on the menu happen by themselves. */
const CARRIED_OUT_ELSEWHERE = new Set(["social_post", "new_drink", "add_to_menu"]);

/**
 * The tasks an approved proposal makes. A purchase order: receive the delivery in its shop, due when
 * the supplier's lead time says it arrives. A transfer (approved = the stock left the sender's
 * books): send it (the sender, due within two hours) and receive it (the receiver, due when
 * transit says it arrives). Kinds another agent or worker carries out make none: a social post (the
 * integrations worker publishes it), a new drink (the tasting coordinator books its tasting), a
 * drink added to the menu (done on approval). Any other kind: carry it out, due in a day. A payload
 * that does not parse gets the plain "carry out" task rather than a made-up quantity.
 */
export function tasksForApproval(p: ApprovedProposal): TaskDraft[] {
  if (CARRIED_OUT_ELSEWHERE.has(p.kind)) return [];
  if (p.kind === "purchase_order") {
    const po = purchaseOrder.safeParse(p.payload);
    if (po.success) {
      const { name, quantity, packSize, supplier, leadTimeDays } = po.data;
      const what = `${formatQuantity(quantity, po.data.unit)} ${name.toLowerCase()}${packs(quantity, packSize, po.data.unit)}`;
      return [
        {
          shopId: p.shopId,
          sourceKind: "purchase_order",
          sourceId: p.id,
          title: cut(`Receive the delivery from ${supplier}: ${what}`),
          detail: `Purchase order approved: ${p.title}. Lead time ${leadTimeDays} day${leadTimeDays === 1 ? "" : "s"}. Count it in on the Stock screen (Receive delivery) when it arrives; this task then closes by itself.`,
          dueAt: arrivalDue(p.decidedAt, leadTimeDays),
        },
      ];
    }
  }
  if (p.kind === "transfer") {
    const t = transfer.safeParse(p.payload);
    if (t.success) {
      const { fromShopId, fromShopName, toShopId, toShopName, name, quantity, packSize, transitDays } = t.data;
      const what = `${formatQuantity(quantity, t.data.unit)} ${name.toLowerCase()}${packs(quantity, packSize, t.data.unit)}`;
      return [
        {
          shopId: fromShopId,
          sourceKind: "transfer_send",
          sourceId: p.id,
          title: cut(`Send ${what} to ${toShopName}`),
          detail: `Transfer approved: the stock has left this shop's books; pack it and send it. This task closes by itself when ${toShopName} counts it in.`,
          dueAt: new Date(p.decidedAt.getTime() + SEND_WITHIN_HOURS * HOUR),
        },
        {
          shopId: toShopId,
          sourceKind: "transfer_receive",
          sourceId: p.id,
          title: cut(`Receive ${what} from ${fromShopName}`),
          detail: `Transfer approved by ${fromShopName}, ${transitDays === 0 ? "arriving the same day" : `${transitDays} day${transitDays === 1 ? "" : "s"} in transit`}. Count it in on the Stock screen (Receive transfer) when it arrives; this task then closes by itself.`,
          dueAt: arrivalDue(p.decidedAt, transitDays),
        },
      ];
    }
  }
  return [
    {
      shopId: p.shopId,
      sourceKind: "proposal",
      sourceId: p.id,
      title: cut(`Carry out: ${p.title}`),
      detail: `Approved proposal of the ${agentName(p.agent).toLowerCase()}: ${p.title}.`,
      dueAt: new Date(p.decidedAt.getTime() + PROPOSAL_DUE_HOURS * HOUR),
    },
  ];
}

export type RaisedAlert = { id: string; agent: string; shopId: string; severity: string; message: string; createdAt: Date };

/** The task an unresolved warning or critical alert makes; info alerts make none. */
export function taskForAlert(a: RaisedAlert): TaskDraft | null {
  if (a.severity !== "warning" && a.severity !== "critical") return null;
  // The task manager's own alerts are about a task already (overdue.ts): no task about a task.
  if (a.agent === TASKS_AGENT) return null;
  return {
    shopId: a.shopId,
    sourceKind: "alert",
    sourceId: a.id,
    title: cut(`Deal with: ${a.message}`),
    detail: `${a.severity === "critical" ? "Critical" : "Warning"} alert from the ${agentName(a.agent).toLowerCase()}: ${a.message}. This task closes by itself when the alert is resolved.`,
    dueAt: new Date(a.createdAt.getTime() + ALERT_DUE_HOURS[a.severity] * HOUR),
  };
}

/** A source completing by itself: which tasks it closes, and the reason recorded on them. */
export type Completion = { kinds: TaskSourceKind[]; sourceId: string; reason: string };

export function deliveryReceived(proposalId: string): Completion {
  return { kinds: ["purchase_order"], sourceId: proposalId, reason: "Delivery received on the Stock screen" };
}

export function transferReceived(proposalId: string, toShopName?: string): Completion {
  return { kinds: ["transfer_send", "transfer_receive"], sourceId: proposalId, reason: `Transfer counted in${toShopName ? ` by ${toShopName}` : ""}` };
}

export function alertResolved(alertId: string): Completion {
  return { kinds: ["alert"], sourceId: alertId, reason: "Alert resolved: the condition ended" };
}

/** The reason a task is made closed: its source was already complete when the task manager heard of it. */
export function alreadyComplete(kind: TaskSourceKind): string {
  return kind === "purchase_order" ? "Delivery already received" : kind === "transfer_send" || kind === "transfer_receive" ? "Transfer already counted in" : "Already done";
}

export const OPEN_STATUSES: readonly TaskStatus[] = ["OPEN", "IN_PROGRESS"];

/** How people may move a task: start, put back, finish or drop an open one; reopen a closed one. */
const MOVES: Record<TaskStatus, readonly TaskStatus[]> = {
  OPEN: ["IN_PROGRESS", "DONE", "CANCELLED"],
  IN_PROGRESS: ["OPEN", "DONE", "CANCELLED"],
  DONE: ["OPEN"],
  CANCELLED: ["OPEN"],
};

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return MOVES[from].includes(to);
}

const WORDS: Record<TaskStatus, string> = { OPEN: "open", IN_PROGRESS: "in progress", DONE: "done", CANCELLED: "cancelled" };

/** Why a move is refused, in a sentence. */
export function refusal(from: TaskStatus, to: TaskStatus): string {
  return from === to ? `This task is already ${WORDS[to]}` : `A task that is ${WORDS[from]} cannot become ${WORDS[to]}`;
}

export function statusWord(s: TaskStatus): string {
  return WORDS[s];
}

export function isOverdue(task: { status: TaskStatus; dueAt: Date }, now: Date): boolean {
  return OPEN_STATUSES.includes(task.status) && task.dueAt.getTime() < now.getTime();
}

/** Open tasks by due date (soonest first), ties by title so the list does not jump. */
export function byDue<T extends { dueAt: Date; title: string }>(tasks: readonly T[]): T[] {
  return [...tasks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.title.localeCompare(b.title));
}
