import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { TaskStatus } from "@/lib/agents/tasks/rules";
import type { TaskFields } from "./client";

/**
 * How our tasks look in a ClickUp list and how ClickUp's status changes come back, pure. ClickUp
 * statuses are names each list defines ("to do", "in progress", "complete", "Closed" by default);
 * a connection maps our four statuses to names its list has, checked when it is connected.
 */

export type StatusMap = Record<TaskStatus, string>;
export const DEFAULT_STATUSES: StatusMap = { OPEN: "to do", IN_PROGRESS: "in progress", DONE: "complete", CANCELLED: "closed" };

/** A connection's settings (not secret); the token and the webhook's secret are the encrypted credential. */
export type ClickUpConfig = { teamId: string; listId: string; listName: string; webhookId: string; statuses: StatusMap };
export type ClickUpSecrets = { token: string; webhookSecret: string };

/**
 * One of our tasks as a delivery carries it; `after` (an update) names the delivery that made it in
 * ClickUp. `assignee` is the owner's confirmed address (null: no owner, or not confirmed), and
 * `previousAssignee` the one the last delivery carried, so an owner change moves the assignment.
 */
export type ClickUpTaskMessage = { kind: "task"; taskId: string; name: string; detail: string; status: TaskStatus; dueAt: string; link: string; text: string; assignee?: string | null; previousAssignee?: string | null; after?: string; afterRef?: string };
export type ClickUpMessage = ClickUpTaskMessage | { kind: "test"; text: string };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The statuses in `map` the list does not have (ClickUp refuses a task set to an unknown status). */
export function missingStatuses(map: StatusMap, listStatuses: readonly string[]): string[] {
  return [...new Set(Object.values(map))].filter((name) => !listStatuses.some((s) => same(s, name)));
}

/** Our status for a ClickUp status name, or null for one the connection does not map (left alone). */
export function statusFromClickUp(name: string, map: StatusMap): TaskStatus | null {
  const found = (Object.entries(map) as [TaskStatus, string][]).find(([, n]) => same(n, name));
  return found ? found[0] : null;
}

export function taskFields(m: ClickUpTaskMessage, map: StatusMap): TaskFields {
  return { name: m.name, markdownDescription: `${m.detail}\n\n[Open in Go Coffee](${m.link})`, status: map[m.status], dueDate: Date.parse(m.dueAt) };
}

/**
 * The ClickUp assignee changes a delivery makes, pure: the owner's ClickUp user (found by email among
 * the workspace's members) is added, the previous owner's removed; anyone assigned in ClickUp by
 * hand is left alone. An owner without a ClickUp account is assigned no one (the description names them).
 */
export function assigneeChange(m: Pick<ClickUpTaskMessage, "assignee" | "previousAssignee">, members: readonly { id: number; email: string | null }[]): { add: number[]; rem: number[] } {
  const idOf = (email: string | null | undefined) => (email ? (members.find((u) => u.email && same(u.email, email))?.id ?? null) : null);
  const now = idOf(m.assignee);
  const before = idOf(m.previousAssignee);
  return { add: now === null ? [] : [now], rem: before === null || before === now ? [] : [before] };
}

/** ClickUp signs each webhook request: hex HMAC-SHA256 of the raw body under the webhook's secret, in X-Signature. */
export function validSignature(secret: string, body: string, signature: string | null): boolean {
  if (!signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

export function sign(secret: string, body: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** The events a connection's webhook is registered for: tasks made there, and status, assignee, name and due-date changes, come back. */
export const WEBHOOK_EVENTS = ["taskCreated", "taskStatusUpdated", "taskAssigneeUpdated", "taskUpdated", "taskDueDateUpdated"] as const;

const clickUpUser = z.object({ id: z.number().nullish(), username: z.string().nullish(), email: z.string().nullish() }).partial();

/**
 * The part of ClickUp's task webhook payloads we read: the task, and per history item the field that
 * changed, its value before and after (a status object for "status", a user for "assignee_add" and
 * "assignee_rem", the text for "name", Unix milliseconds as a string for "due_date"), and who changed it.
 */
export const taskWebhook = z.object({
  event: z.string(),
  webhook_id: z.string(),
  task_id: z.string().optional(),
  history_items: z.array(z.object({ field: z.string().optional(), before: z.unknown().optional(), after: z.unknown().optional(), user: clickUpUser.nullish() })).default([]),
});
export type TaskWebhook = z.infer<typeof taskWebhook>;

const who = (user: z.infer<typeof clickUpUser> | null | undefined) => user?.email ?? user?.username ?? null;

/** A taskCreated event: the new task and who made it (its history's first user); null for anything else. */
export function taskCreated(payload: TaskWebhook): { clickUpTaskId: string; by: string | null } | null {
  if (payload.event !== "taskCreated" || !payload.task_id) return null;
  return { clickUpTaskId: payload.task_id, by: who(payload.history_items.find((i) => i.user)?.user) };
}

/** The status a taskStatusUpdated event moved the task to, and who moved it; null for anything else. */
export function statusChange(payload: TaskWebhook): { clickUpTaskId: string; status: string; by: string | null } | null {
  if (payload.event !== "taskStatusUpdated" || !payload.task_id) return null;
  for (const item of payload.history_items) {
    if (item.field !== "status") continue;
    const after = z.object({ status: z.string().min(1) }).safeParse(item.after);
    if (after.success) return { clickUpTaskId: payload.task_id, status: after.data.status, by: who(item.user) };
  }
  return null;
}

/**
 * The people a taskAssigneeUpdated event assigned and unassigned (their ClickUp emails; a user
 * without one is skipped: we match people by email), and who made the change; null for anything else.
 */
export function assigneeUpdate(payload: TaskWebhook): { clickUpTaskId: string; added: string[]; removed: string[]; by: string | null } | null {
  if (payload.event !== "taskAssigneeUpdated" || !payload.task_id) return null;
  const added: string[] = [];
  const removed: string[] = [];
  let by: string | null = null;
  for (const item of payload.history_items) {
    const user = clickUpUser.safeParse(item.field === "assignee_add" ? item.after : item.field === "assignee_rem" ? item.before : undefined);
    if (!user.success || !user.data.email) continue;
    (item.field === "assignee_add" ? added : removed).push(user.data.email);
    by ??= who(item.user);
  }
  if (added.length === 0 && removed.length === 0) return null;
  return { clickUpTaskId: payload.task_id, added, removed, by };
}

/**
 * The owner a ClickUp assignee change gives our task, pure: the last person assigned who is one of
 * the shop's staff (by confirmed email) becomes the owner; unassigning the owner, with no staff
 * member assigned, leaves the task to nobody; anything else (people who are not staff) leaves it
 * as it is (undefined). ClickUp tasks have many assignees, ours one owner.
 */
export function ownerAfter(change: { added: readonly string[]; removed: readonly string[] }, staff: readonly { id: string; email: string }[], currentOwnerId: string | null): string | null | undefined {
  const idOf = (email: string) => staff.find((m) => same(m.email, email))?.id;
  const added = change.added.map(idOf).filter((id): id is string => id !== undefined);
  if (added.length > 0) return added[added.length - 1]!;
  const current = staff.find((m) => m.id === currentOwnerId);
  if (current && change.removed.some((e) => same(e, current.email))) return null;
  return undefined;
}

/**
 * A new name (taskUpdated's "name" item) or due date (taskDueDateUpdated's "due_date": Unix
 * milliseconds as a string; null when it was cleared) a ClickUp user gave the task, and who; null
 * for anything else (taskUpdated also reports fields we do not read, such as the description).
 */
export function fieldUpdate(payload: TaskWebhook): { clickUpTaskId: string; name?: string; dueAt?: Date | null; by: string | null } | null {
  if ((payload.event !== "taskUpdated" && payload.event !== "taskDueDateUpdated") || !payload.task_id) return null;
  const change: { clickUpTaskId: string; name?: string; dueAt?: Date | null; by: string | null } = { clickUpTaskId: payload.task_id, by: null };
  for (const item of payload.history_items) {
    if (item.field === "name" && typeof item.after === "string") change.name = item.after;
    else if (item.field === "due_date") {
      const ms = item.after === null || item.after === undefined || item.after === "" ? null : Number(item.after);
      if (ms !== null && !Number.isSafeInteger(ms)) continue;
      change.dueAt = ms === null ? null : new Date(ms);
    } else continue;
    change.by ??= who(item.user);
  }
  return change.name === undefined && change.dueAt === undefined ? null : change;
}
