import { z } from "zod";
import { setTaskStatus } from "@/lib/agents/tasks/manage";
import { canMove, statusWord, type TaskStatus } from "@/lib/agents/tasks/rules";
import { can } from "@/lib/auth/policy";
import { loadSessionUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { Logger } from "@/lib/log";
import { CredentialError, type KeyRing } from "../crypto";
import { credentialOf } from "../store";
import { parseSecrets } from "./adapter";
import { statusChange, statusFromClickUp, statusWebhook, validSignature, type ClickUpConfig } from "./mapping";
import { CLICKUP_EVENT, CREATION_PREFIX, recordTask } from "./tasks";

export type WebhookAnswer = { status: number; body: { outcome: string; reason?: string } | { error: { code: string; message: string } } };

const refuse = (status: number, code: string, message: string): WebhookAnswer => ({ status, body: { error: { code, message } } });
const ok = (outcome: string, reason?: string): WebhookAnswer => ({ status: 200, body: reason ? { outcome, reason } : { outcome } });

/**
 * ClickUp's taskStatusUpdated webhook for one connection (POST /api/integrations/clickup/webhook/<id>).
 *
 * Nothing is read from the body before its X-Signature (HMAC-SHA256 under the secret ClickUp gave
 * that connection's webhook) checks out: an unknown connection is 404, a missing or wrong
 * signature 401, and neither changes anything. A signed event about one of our tasks moves it as
 * a person on the Tasks screen would, and only for a person allowed to: the ClickUp user's email
 * must be a confirmed Go Coffee address of a manager or admin of the task's shop, and the move one
 * the task's rules allow. Otherwise our task stays as it is and the ClickUp task is set back to it,
 * so the two never disagree silently. Events we cannot use (another kind, a task we did not make,
 * a status the connection does not map) are answered 200 with why, so ClickUp does not retry them.
 */
export async function handleClickUpWebhook(db: Db, ring: KeyRing, req: { integrationId: string; body: string; signature: string | null; appUrl: string }, log: Logger, now = new Date()): Promise<WebhookAnswer> {
  if (!z.uuid().safeParse(req.integrationId).success) return refuse(404, "not_found", "There is no such webhook.");
  const row = await db.integration.findUnique({ where: { id: req.integrationId } });
  if (!row || row.kind !== "CLICKUP") return refuse(404, "not_found", "There is no such webhook.");
  let secret: string;
  try {
    secret = parseSecrets(await credentialOf(db, ring, row)).webhookSecret;
  } catch (error) {
    if (!(error instanceof CredentialError)) throw error;
    log.error({ integrationId: row.id }, "ClickUp webhook: the stored secret cannot be read");
    return refuse(503, "unavailable", "This webhook cannot be checked right now.");
  }
  if (!validSignature(secret, req.body, req.signature)) return refuse(401, "unauthenticated", "The X-Signature header does not match this webhook's secret.");

  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    return refuse(400, "invalid", "The body is not JSON.");
  }
  const parsed = statusWebhook.safeParse(json);
  if (!parsed.success) return refuse(400, "invalid", "The body is not a ClickUp webhook event.");
  const config = row.config as ClickUpConfig;
  if (parsed.data.webhook_id !== config.webhookId) return ok("ignored", "This event is for another webhook.");
  if (row.status === "PAUSED") return ok("ignored", "This connection is paused in Go Coffee.");
  const change = statusChange(parsed.data);
  if (!change) return ok("ignored", "Only status changes are read.");

  const made = await db.integrationDelivery.findFirst({ where: { integrationId: row.id, kind: CLICKUP_EVENT, externalRef: change.clickUpTaskId, idempotencyKey: { startsWith: CREATION_PREFIX } }, select: { message: true } });
  const taskId = (made?.message as { taskId?: string } | undefined)?.taskId;
  const task = taskId ? await db.agentTask.findUnique({ where: { id: taskId } }) : null;
  if (!task) return ok("ignored", "This ClickUp task was not made by Go Coffee.");
  const target = statusFromClickUp(change.status, config.statuses);
  if (!target) return ok("ignored", `“${change.status}” is not one of the statuses this connection maps.`);
  if (target === task.status) return ok("unchanged");

  const setBack = async (reason: string) => {
    await db.$transaction((tx) => recordTask(tx, task.id, row.id, req.appUrl, `clickup.setback:${task.id}:${row.id}:${now.getTime()}`));
    log.info({ taskId: task.id, clickUpStatus: change.status, reason }, "ClickUp status change refused; the ClickUp task is set back");
    return ok("refused", reason);
  };
  if (!canMove(task.status, target)) return setBack(`A task that is ${statusWord(task.status)} cannot become ${statusWord(target)}.`);
  const person = change.by ? await db.user.findFirst({ where: { email: { equals: change.by, mode: "insensitive" }, emailVerifiedAt: { not: null } }, select: { id: true } }) : null;
  const user = person ? await loadSessionUser(db, person.id) : null;
  if (!user || !can(user, "tasks:manage", { shopId: task.shopId })) return setBack(`Only a manager of the task's shop can change it, and ${change.by ?? "this ClickUp user"} is not a confirmed Go Coffee address of one.`);
  try {
    await setTaskStatus(db, { id: user.id, email: user.email }, task.shopId, { taskId: task.id, status: target as TaskStatus }, now, { source: `clickup:${row.id}`, label: "from ClickUp" });
  } catch (error) {
    if (error instanceof DomainError) return setBack(error.message);
    throw error;
  }
  return ok("changed");
}
