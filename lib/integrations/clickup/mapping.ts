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

/** The part of ClickUp's taskStatusUpdated payload we read: the task, and the status it moved to (and who moved it). */
export const statusWebhook = z.object({
  event: z.string(),
  webhook_id: z.string(),
  task_id: z.string().optional(),
  history_items: z
    .array(z.object({ field: z.string().optional(), after: z.object({ status: z.string() }).partial().nullish(), user: z.object({ username: z.string().nullish(), email: z.string().nullish() }).partial().nullish() }))
    .default([]),
});
export type StatusWebhook = z.infer<typeof statusWebhook>;

/** The status a taskStatusUpdated event moved the task to, and who moved it; null for anything else. */
export function statusChange(payload: StatusWebhook): { clickUpTaskId: string; status: string; by: string | null } | null {
  if (payload.event !== "taskStatusUpdated" || !payload.task_id) return null;
  const item = payload.history_items.find((h) => h.field === "status" && h.after?.status);
  if (!item?.after?.status) return null;
  return { clickUpTaskId: payload.task_id, status: item.after.status, by: item.user?.email ?? item.user?.username ?? null };
}
