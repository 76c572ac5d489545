import { z } from "zod";
import { assignTask, editTask, setTaskStatus } from "@/lib/agents/tasks/manage";
import { canMove, statusWord, type TaskStatus } from "@/lib/agents/tasks/rules";
import { can } from "@/lib/auth/policy";
import { loadSessionUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { CredentialError, type KeyRing } from "../crypto";
import { credentialOf } from "../store";
import { parseSecrets } from "./adapter";
import type { ClickUpClient } from "./client";
import { taskMadeInClickUp } from "./made-in-clickup";
import { assigneeUpdate, fieldUpdate, ownerAfter, statusChange, statusFromClickUp, taskCreated, taskWebhook, validSignature, type ClickUpConfig } from "./mapping";
import { CLICKUP_EVENT, CREATION_PREFIX, recordTask } from "./tasks";

export type WebhookAnswer = { status: number; body: { outcome: string; reason?: string } | { error: { code: string; message: string } } };

const refuse = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { error: { code, message } } });
const ok = (outcome: string, reason?: string): WebhookAnswer => ({ status: 200, body: reason ? { outcome, reason } : { outcome } });

/**
 * ClickUp's task webhook for one connection (POST /api/integrations/clickup/webhook/<id>):
 * taskCreated (a task made there: made-in-clickup.ts), taskStatusUpdated, taskAssigneeUpdated, and
 * the name and due date (taskUpdated, taskDueDateUpdated).
 *
 * Nothing is read from the body before its X-Signature (HMAC-SHA256 under the secret ClickUp gave
 * that connection's webhook) checks out: an unknown connection is 404, a missing or wrong
 * signature 401, and neither changes anything. A signed event about one of our tasks moves it as
 * a person on the Tasks screen would, and only for a person allowed to: the ClickUp user's email
 * must be a confirmed Go Coffee address of a manager or admin of the task's shop, and the move one
 * the task's rules allow; an assignee change gives the task to the staff member assigned (by
 * confirmed email: ownerAfter in mapping.ts); a new name or due date renames or reschedules it (a
 * cleared due date is refused: our tasks always have one). Otherwise our task stays as it is and the ClickUp
 * task is set back to it, so the two never disagree silently. Events we cannot use (another kind, a task we did not make,
 * a status the connection does not map) are answered 200 with why, so ClickUp does not retry them.
 */
export async function handleClickUpWebhook(db: Db, ring: KeyRing, clickup: ClickUpClient, req: { integrationId: string; body: string; signature: string | null; appUrl: string }, log: Logger, now = new Date()): Promise<WebhookAnswer> {
  if (!z.uuid().safeParse(req.integrationId).success) return refuse(404, "not_found", "There is no such webhook.");
  const row = await db.integration.findUnique({ where: { id: req.integrationId } });
  if (!row || row.kind !== "CLICKUP") return refuse(404, "not_found", "There is no such webhook.");
  let secrets: { token: string; webhookSecret: string };
  try {
    secrets = parseSecrets(await credentialOf(db, ring, row));
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    log.error({ integrationId: row.id }, "ClickUp webhook: the stored secret cannot be read");
    return refuse(503, "unavailable", "This webhook cannot be checked right now.");
  }
  if (!validSignature(secrets.webhookSecret, req.body, req.signature)) return refuse(401, "unauthenticated", "The X-Signature header does not match this webhook's secret.");

  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return refuse(400, "invalid", "The body is not JSON.");
  }
  const parsed = taskWebhook.safeParse(json);
  if (!parsed.success) return refuse(400, "invalid", "The body is not a ClickUp webhook event.");
  const config = row.config as ClickUpConfig;
  if (parsed.data.webhook_id !== config.webhookId) return ok("ignored", "This event is for another webhook.");
  if (row.status === "PAUSED") return ok("ignored", "This connection is paused in Go Coffee.");
  const created = taskCreated(parsed.data);
  if (created) {
    const r = await taskMadeInClickUp(db, clickup, { id: row.id, shopIds: row.shopIds, token: secrets.token }, created, now);
    if (r.outcome === "created") log.info({ taskId: r.taskId, clickUpTaskId: created.clickUpTaskId }, "ClickUp: a task made there added to its shop");
    return ok(r.outcome, r.reason);
  }
  const status = statusChange(parsed.data);
  const assignees = status ? null : assigneeUpdate(parsed.data);
  const fields = status || assignees ? null : fieldUpdate(parsed.data);
  const change = status ?? assignees ?? fields;
  if (!change) return ok("ignored", "Only new tasks and status, assignee, name and due-date changes are read.");

  const made = await db.integrationDelivery.findFirst({ where: { integrationId: row.id, kind: CLICKUP_EVENT, externalRef: change.clickUpTaskId, idempotencyKey: { startsWith: CREATION_PREFIX } }, select: { message: true } });
  const taskId = (made?.message as { taskId?: string } | undefined)?.taskId;
  const task = taskId ? await db.agentTask.findUnique({ where: { id: taskId } }) : null;
  if (!task) return ok("ignored", "This ClickUp task was not made by Go Coffee.");

  const setBack = async (reason: string, what: string) => {
    await db.$transaction((tx) => recordTask(tx, task.id, row.id, req.appUrl, `clickup.setback:${task.id}:${row.id}:${now.getTime()}`));
    log.info({ taskId: task.id, change: what, reason }, "ClickUp change refused; the ClickUp task is set back");
    return ok("refused", reason);
  };
  /** The ClickUp user as a manager of the task's shop, or null (a confirmed Go Coffee address is required). */
  const managerBy = async (by: string | null) => {
    const person = by ? await db.user.findFirst({ where: { email: { equals: by, mode: "insensitive" }, emailVerifiedAt: { not: null } }, select: { id: true } }) : null;
    const user = person ? await loadSessionUser(db, person.id) : null;
    return user && can(user, "tasks:manage", { shopId: task.shopId }) ? user : null;
  };
  const notManager = (by: string | null) => `Only a manager of the task's shop can change it, and ${by ?? "this ClickUp user"} is not a confirmed Go Coffee address of one.`;

  if (status) {
    const target = statusFromClickUp(status.status, config.statuses);
    if (!target) return ok("ignored", `“${status.status}” is not one of the statuses this connection maps.`);
    if (target === task.status) return ok("unchanged");
    if (!canMove(task.status, target)) return setBack(`A task that is ${statusWord(task.status)} cannot become ${statusWord(target)}.`, `status ${status.status}`);
    const user = await managerBy(status.by);
    if (!user) return setBack(notManager(status.by), `status ${status.status}`);
    try {
      await setTaskStatus(db, { id: user.id, email: user.email }, task.shopId, { taskId: task.id, status: target as TaskStatus }, now, { source: `clickup:${row.id}`, label: "from ClickUp" });
    } catch (error) {
      if (error instanceof DomainError) return setBack(error.message, `status ${status.status}`);
      throw error;
    }
    return ok("changed");
  }

  if (fields) {
    const what = [fields.name !== undefined ? "name" : null, fields.dueAt !== undefined ? "due date" : null].filter(Boolean).join(" and ");
    if (fields.dueAt === null) return setBack("A Go Coffee task always has a due date: it cannot be cleared.", what);
    const user = await managerBy(fields.by);
    if (!user) return setBack(notManager(fields.by), what);
    try {
      const outcome = await editTask(db, { id: user.id, email: user.email }, task.shopId, { taskId: task.id, ...(fields.name !== undefined ? { title: fields.name } : {}), ...(fields.dueAt ? { dueAt: fields.dueAt } : {}) }, now, { source: `clickup:${row.id}`, label: "from ClickUp" });
      return ok(outcome);
    } catch (error) {
      if (error instanceof DomainError) return setBack(error.message, what);
      throw error;
    }
  }

  const update = assignees!;
  const staff = await db.shopMember.findMany({ where: { shopId: task.shopId, user: { email: { not: null }, emailVerifiedAt: { not: null } } }, select: { userId: true, user: { select: { email: true } } } });
  const owner = ownerAfter(update, staff.map((m) => ({ id: m.userId, email: m.user.email! })), task.ownerId);
  if (owner === undefined) return ok("ignored", "No one assigned or unassigned is a confirmed member of the task's shop's staff.");
  if (owner === task.ownerId) return ok("unchanged");
  const user = await managerBy(update.by);
  if (!user) return setBack(notManager(update.by), "assignees");
  try {
    // Announced like a change on the Tasks screen (echoed to ClickUp): the update then takes the
    // previous owner off the ClickUp task, so its assignees keep matching our one owner.
    await assignTask(db, { id: user.id, email: user.email }, task.shopId, { taskId: task.id, ownerId: owner }, now, "from ClickUp");
  } catch (error) {
    if (error instanceof DomainError) return setBack(error.message, "assignees");
    throw error;
  }
  return ok("changed");
}
