import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit/audit-log";
import type { Db, Prisma } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { createEvent } from "@/lib/kafka/events";
import { enqueueEvents } from "@/lib/kafka/outbox";
import { fromLocalMinute } from "@/lib/analytics/time";
import { env } from "@/lib/env";
import { tellNewOwner } from "./assigned";
import { syncOverdueTaskAlerts } from "./overdue";
import { byDue, canMove, isOverdue, OPEN_STATUSES, refusal, statusWord, type TaskStatus } from "./rules";

/** The Tasks screen's reads and the manager's changes (assign, start, done, cancel, reopen, reschedule, rename; tasks made in ClickUp), each audited. */

export type TaskView = {
  id: string;
  title: string;
  detail: string;
  sourceKind: string;
  status: TaskStatus;
  dueAt: Date;
  overdue: boolean;
  owner: { id: string; name: string } | null;
  changedAt: Date;
  changedBy: string | null;
  closedReason: string | null;
};

export type StaffMember = { id: string; name: string; role: string };

const DONE_SHOWN = 50;

/** A shop's open tasks by due date (overdue marked), or its closed ones newest first. */
export async function listTasks(db: Db, shopId: string, show: "open" | "closed", now = new Date()): Promise<TaskView[]> {
  const rows = await db.agentTask.findMany({
    where: { shopId, status: show === "open" ? { in: [...OPEN_STATUSES] } : { notIn: [...OPEN_STATUSES] } },
    include: { owner: { select: { id: true, name: true, email: true } } },
    orderBy: show === "open" ? { dueAt: "asc" } : { changedAt: "desc" },
    ...(show === "closed" ? { take: DONE_SHOWN } : {}),
  });
  const changers = [...new Set(rows.map((r) => r.changedBy).filter((id): id is string => id !== null))];
  const names = new Map((await db.user.findMany({ where: { id: { in: changers } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u.name ?? u.email ?? "someone"]));
  const views = rows.map((r) => ({
    id: r.id,
    title: r.title,
    detail: r.detail,
    sourceKind: r.sourceKind,
    status: r.status,
    dueAt: r.dueAt,
    overdue: isOverdue(r, now),
    owner: r.owner ? { id: r.owner.id, name: r.owner.name ?? r.owner.email ?? "someone" } : null,
    changedAt: r.changedAt,
    changedBy: r.changedBy ? (names.get(r.changedBy) ?? "someone") : null,
    closedReason: r.closedReason,
  }));
  return show === "open" ? byDue(views) : views;
}

/** The people who may own a shop's tasks: its members (baristas and managers), by name. */
export async function shopStaff(db: Db, shopId: string): Promise<StaffMember[]> {
  const members = await db.shopMember.findMany({ where: { shopId }, include: { user: { select: { id: true, name: true, email: true } } } });
  return members.map((m) => ({ id: m.user.id, name: m.user.name ?? m.user.email ?? "someone", role: m.role })).sort((a, b) => a.name.localeCompare(b.name));
}

const assignSchema = z.object({ taskId: z.uuid(), ownerId: z.uuid().nullable() }).strict();
const statusSchema = z.object({ taskId: z.uuid(), status: z.enum(["OPEN", "IN_PROGRESS", "DONE", "CANCELLED"]) }).strict();

async function findTask(tx: Prisma.TransactionClient, shopId: string, taskId: string) {
  const task = await tx.agentTask.findFirst({ where: { id: taskId, shopId } });
  if (!task) throw new DomainError("not_found", "No such task in this shop");
  return task;
}

/** Gives an open task to one of the shop's staff (or to nobody: ownerId null); `label` says where the change was made ("from ClickUp"), for the audit. */
export async function assignTask(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date(), label?: string): Promise<void> {
  const parsed = assignSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { taskId, ownerId } = parsed.data;
  await db.$transaction(async (tx) => {
    const task = await findTask(tx, shopId, taskId);
    if (!OPEN_STATUSES.includes(task.status)) throw new DomainError("conflict", `This task is ${statusWord(task.status)}: reopen it to assign it`);
    const owner = ownerId ? await tx.shopMember.findUnique({ where: { shopId_userId: { shopId, userId: ownerId } }, include: { user: { select: { name: true, email: true } } } }) : null;
    if (ownerId && !owner) throw new DomainError("invalid", "Only this shop's staff can own its tasks");
    const updated = await tx.agentTask.updateMany({ where: { id: taskId, status: task.status, ownerId: task.ownerId }, data: { ownerId, changedBy: actor.id, changedAt: now } });
    if (updated.count === 0) throw new DomainError("conflict", "This task was changed by someone else just now");
    const who = owner ? (owner.user.name ?? owner.user.email ?? "someone") : "nobody";
    await recordAudit(tx, { shopId, actor, action: "tasks.assigned", target: `task:${taskId}`, summary: `Task “${task.title}” given to ${who}${label ? ` (${label})` : ""}`, before: { ownerId: task.ownerId }, after: { ownerId } });
    if (ownerId && ownerId !== task.ownerId) await tellNewOwner(tx, { task, ownerId, byId: actor.id, at: now, appUrl: env().APP_URL });
    await announce(tx, { taskId, shopId, status: task.status, source: null }, now);
  });
}

/**
 * Starts, finishes, cancels, puts back or reopens a task (the moves rules.ts allows). `from` names
 * the outside connection the change came from (ClickUp's webhook): audited so, and not echoed back.
 */
export async function setTaskStatus(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date(), from?: { source: string; label: string }): Promise<TaskStatus> {
  const parsed = statusSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return moveTask(db, actor, shopId, parsed.data, now, from);
}

const ownStatusSchema = z.object({ taskId: z.uuid("No such task"), status: z.enum(["OPEN", "IN_PROGRESS", "DONE"], "A task of yours can be started, put back or marked done") }).strict();

/**
 * The queue screen's "Your tasks": the task's owner (a barista, or anyone the task was given to)
 * starts it, puts it back or marks it done, as the Tasks screen would, audited as them. Only an
 * open task that is theirs: cancelling, reopening and giving it to someone else are the managers'.
 */
export async function setOwnTaskStatus(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<TaskStatus> {
  const parsed = ownStatusSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return moveTask(db, actor, shopId, parsed.data, now, undefined, { ownerOnly: true });
}

/** One of a person's own tasks as the queue screen gets it (the page's props and GET /api/shops/:slug/tasks alike). */
export type OwnTask = { id: string; title: string; detail: string; status: TaskStatus; dueAt: string; overdue: boolean };

/** A shop's open tasks given to this person, by due date (overdue marked): the queue screen's list. */
export async function listOwnTasks(db: Db, shopId: string, userId: string, now = new Date()): Promise<OwnTask[]> {
  const rows = await db.agentTask.findMany({ where: { shopId, ownerId: userId, status: { in: [...OPEN_STATUSES] } }, select: { id: true, title: true, detail: true, status: true, dueAt: true } });
  return byDue(rows).map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), overdue: isOverdue(r, now) }));
}

async function moveTask(db: Db, actor: AuditActor, shopId: string, input: { taskId: string; status: TaskStatus }, now: Date, from?: { source: string; label: string }, opts: { ownerOnly?: boolean } = {}): Promise<TaskStatus> {
  const { taskId, status } = input;
  await db.$transaction(async (tx) => {
    const task = await findTask(tx, shopId, taskId);
    if (opts.ownerOnly && task.ownerId !== actor.id) throw new DomainError("forbidden", "This task is not yours: its owner or a manager can change it");
    if (opts.ownerOnly && !OPEN_STATUSES.includes(task.status)) throw new DomainError("conflict", `This task is ${statusWord(task.status)}: a manager can reopen it`);
    if (!canMove(task.status, status)) throw new DomainError("conflict", refusal(task.status, status));
    // The owner's own move holds only while the task is still theirs (a manager may give it away meanwhile).
    const updated = await tx.agentTask.updateMany({ where: { id: taskId, status: task.status, ...(opts.ownerOnly ? { ownerId: actor.id } : {}) }, data: { status, changedBy: actor.id, changedAt: now, closedReason: null } });
    if (updated.count === 0) throw new DomainError("conflict", "This task was changed by someone else just now");
    await recordAudit(tx, { shopId, actor, action: "tasks.status", target: `task:${taskId}`, summary: `Task “${task.title}”: ${statusWord(task.status)} → ${statusWord(status)}${from ? ` (${from.label})` : ""}`, before: { status: task.status }, after: { status } });
    await announce(tx, { taskId, shopId, status, source: from?.source ?? null }, now);
  });
  return status;
}

const DAY_MS = 86_400_000;
const editSchema = z
  .object({
    taskId: z.uuid(),
    title: z.string().trim().min(3, "A task's name needs 3-200 characters").max(200, "A task's name needs 3-200 characters").optional(),
    dueAt: z.coerce.date("A due date must be a date").optional(),
  })
  .strict();

/**
 * Renames a task or moves its due date (the Tasks screen reschedules; ClickUp's webhook does both):
 * only while it is open, a due date within a year either side of now. Audited; `from` as for setTaskStatus.
 */
export async function editTask(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date(), from?: { source: string; label: string }): Promise<"changed" | "unchanged"> {
  const parsed = editSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { taskId, title, dueAt } = parsed.data;
  if (dueAt && Math.abs(dueAt.getTime() - now.getTime()) > 366 * DAY_MS) throw new DomainError("invalid", "A due date must be within a year of today");
  return db.$transaction(async (tx) => {
    const task = await findTask(tx, shopId, taskId);
    const next = { title: title ?? task.title, dueAt: dueAt ?? task.dueAt };
    if (next.title === task.title && next.dueAt.getTime() === task.dueAt.getTime()) return "unchanged" as const;
    if (!OPEN_STATUSES.includes(task.status)) throw new DomainError("conflict", `This task is ${statusWord(task.status)}: reopen it to change it`);
    const updated = await tx.agentTask.updateMany({ where: { id: taskId, title: task.title, dueAt: task.dueAt }, data: { ...next, changedBy: actor.id, changedAt: now } });
    if (updated.count === 0) throw new DomainError("conflict", "This task was changed by someone else just now");
    const what = [next.title !== task.title ? `renamed to “${next.title}”` : null, next.dueAt.getTime() !== task.dueAt.getTime() ? `due ${next.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : null].filter(Boolean).join(", ");
    await recordAudit(tx, { shopId, actor, action: "tasks.edited", target: `task:${taskId}`, summary: `Task “${task.title}” ${what}${from ? ` (${from.label})` : ""}`, before: { title: task.title, dueAt: task.dueAt.toISOString() }, after: { title: next.title, dueAt: next.dueAt.toISOString() } });
    await announce(tx, { taskId, shopId, status: task.status, source: from?.source ?? null }, now);
    return "changed" as const;
  });
}

const rescheduleSchema = z.object({ taskId: z.uuid("No such task"), due: z.string("Give a due date and time") }).strict();

/** The Tasks screen's "Reschedule": a due time as the shop's wall clock ("YYYY-MM-DDTHH:mm", a datetime-local input). */
export async function rescheduleTask(db: Db, actor: AuditActor, shop: { id: string; timezone: string }, raw: unknown, now = new Date()): Promise<"changed" | "unchanged"> {
  const parsed = rescheduleSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const dueAt = fromLocalMinute(parsed.data.due, shop.timezone);
  if (!dueAt) throw new DomainError("invalid", "Give a due date and time, such as 2026-12-10 16:30");
  return editTask(db, actor, shop.id, { taskId: parsed.data.taskId, dueAt }, now);
}

const renameSchema = z.object({ taskId: z.uuid("No such task"), title: z.string("Give the task a name") }).strict();

/** The Tasks screen's "Rename": only the name (editTask checks its length and that the task is open). */
export async function renameTask(db: Db, actor: AuditActor, shopId: string, raw: unknown, now = new Date()): Promise<"changed" | "unchanged"> {
  const parsed = renameSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  return editTask(db, actor, shopId, parsed.data, now);
}

const addSchema = z.object({
  title: z.string().trim().min(3, "A task's name needs 3-200 characters").max(200, "A task's name needs 3-200 characters"),
  detail: z.string().trim().max(2000, "A task's detail is at most 2,000 characters"),
  dueAt: z.date("A due date must be a date"),
});

/**
 * A task a person made outside the task manager (in ClickUp): open, in the shop, made by `actor`
 * (`source` names where, its id the source's), audited and announced like any change — in the
 * caller's transaction, so what links it to its source is stored with it.
 */
export async function addTask(tx: Prisma.TransactionClient, actor: AuditActor, shopId: string, raw: unknown, source: { kind: string; id: string; label: string }, now = new Date()) {
  const parsed = addSchema.safeParse(raw);
  if (!parsed.success) throw invalid(parsed.error);
  const { title, detail, dueAt } = parsed.data;
  if (Math.abs(dueAt.getTime() - now.getTime()) > 366 * DAY_MS) throw new DomainError("invalid", "A due date must be within a year of today");
  const task = await tx.agentTask.create({ data: { shopId, sourceKind: source.kind, sourceId: source.id, title, detail, dueAt, changedBy: actor.id, changedAt: now } });
  await recordAudit(tx, { shopId, actor, action: "tasks.created", target: `task:${task.id}`, summary: `Task “${title}” made ${source.label}, due ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`, after: { title, dueAt: dueAt.toISOString() } });
  await announce(tx, { taskId: task.id, shopId, status: task.status, source: null }, now);
  return task;
}

/**
 * A person changed a task: announced on agents.tasks.v1 in the same transaction (what ClickUp
 * mirrors), and the shop's overdue alerts brought in line at once (done or moved later: resolved).
 */
async function announce(tx: Prisma.TransactionClient, change: { taskId: string; shopId: string; status: TaskStatus; source: string | null }, now: Date): Promise<void> {
  await enqueueEvents(tx, [createEvent("agents.task_changed", change.taskId, change)]);
  await syncOverdueTaskAlerts(tx, change.shopId, now);
}
