import { v7 as uuidv7 } from "uuid";
import { addTask } from "@/lib/agents/tasks/manage";
import { can } from "@/lib/auth/policy";
import { loadSessionUser } from "@/lib/auth/users";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import type { ClickUpClient, ClickUpFullTask } from "./client";
import type { ClickUpTaskMessage } from "./mapping";
import { CLICKUP_EVENT, creationKey } from "./tasks";

/**
 * A task a person made in a connected ClickUp list becomes a task of the shop (taskCreated):
 * - ours coming back (a task Go Coffee made there: its creation is on record, or — when ClickUp's
 *   event beats our record — its description carries our "Open in Go Coffee" link) is left alone;
 * - the shop: the connection's only shop, or, when it covers several, the one a ClickUp tag names
 *   by its slug ("new-york-soho");
 * - only a confirmed Go Coffee address of a manager of that shop may add its tasks;
 * - the name must be 3-200 characters; no due date in ClickUp → due in a day (ours always have one),
 *   which the update that follows writes back to ClickUp with our link.
 * It is stored with a creation delivery already DELIVERED (external ref: the ClickUp task's id), so
 * every later change on either side finds its pair, and nothing creates it a second time.
 */

export type Outcome = { outcome: "created" | "ignored"; reason?: string; taskId?: string };
const DAY_MS = 86_400_000;
const OURS = "Open in Go Coffee";

export async function taskMadeInClickUp(
  db: Db,
  client: ClickUpClient,
  connection: { id: string; shopIds: string[]; token: string },
  made: { clickUpTaskId: string; by: string | null },
  now = new Date(),
): Promise<Outcome> {
  const known = await db.integrationDelivery.count({ where: { integrationId: connection.id, externalRef: made.clickUpTaskId } });
  if (known > 0) return { outcome: "ignored", reason: "This ClickUp task is already one of ours." };
  const task = await client.getTask(connection.token, made.clickUpTaskId);
  const text = task.text_content ?? task.description ?? "";
  if (text.includes(OURS)) return { outcome: "ignored", reason: "This task was made by Go Coffee." };

  const shop = await shopOf(db, connection.shopIds, task);
  if (!shop) return { outcome: "ignored", reason: "This connection covers several shops: tag the task with its shop's slug (e.g. new-york-soho) to add it there." };
  const by = made.by ?? task.creator?.email ?? null;
  const person = by ? await db.user.findFirst({ where: { email: { equals: by, mode: "insensitive" }, emailVerifiedAt: { not: null } }, select: { id: true } }) : null;
  const user = person ? await loadSessionUser(db, person.id) : null;
  if (!user || !can(user, "tasks:manage", { shopId: shop.id })) {
    return { outcome: "ignored", reason: `Only a manager of ${shop.name} can add its tasks from ClickUp, and ${by ?? "this ClickUp user"} is not a confirmed Go Coffee address of one.` };
  }
  const dueAt = task.due_date ? new Date(Number(task.due_date)) : new Date(now.getTime() + DAY_MS);
  try {
    const created = await db.$transaction(async (tx) => {
      const ours = await addTask(tx, { id: user.id, email: user.email }, shop.id, { title: task.name, detail: text.slice(0, 2000), dueAt }, { kind: "clickup", id: uuidv7(), label: `in ClickUp by ${by}` }, now);
      const message: ClickUpTaskMessage = { kind: "task", taskId: ours.id, name: ours.title, detail: ours.detail, status: ours.status, dueAt: ours.dueAt.toISOString(), link: "", text: `Task “${ours.title}” (made in ClickUp)`, assignee: null };
      await tx.integrationDelivery.create({
        data: { integrationId: connection.id, idempotencyKey: creationKey(ours.id, connection.id), kind: CLICKUP_EVENT, shopId: shop.id, message, status: "DELIVERED", externalRef: task.id, deliveredAt: now },
      });
      return ours;
    });
    return { outcome: "created", taskId: created.id };
  } catch (error) {
    if (error instanceof DomainError) return { outcome: "ignored", reason: error.issues?.[0]?.message ?? error.message };
    throw error;
  }
}

async function shopOf(db: Db, shopIds: string[], task: ClickUpFullTask) {
  if (shopIds.length === 1) return db.shop.findUnique({ where: { id: shopIds[0] }, select: { id: true, name: true } });
  const tags = task.tags.map((t) => t.name.toLowerCase());
  if (tags.length === 0) return null;
  const named = await db.shop.findMany({ where: { slug: { in: tags }, ...(shopIds.length > 0 ? { id: { in: shopIds } } : {}) }, select: { id: true, name: true } });
  return named.length === 1 ? named[0]! : null;
}
