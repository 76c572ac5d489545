import { v7 as uuidv7 } from "uuid";
import type { Prisma } from "@/lib/db";
import type { ConsumedEvent } from "@/lib/kafka/consumer";
import { statusWord } from "@/lib/agents/tasks/rules";
import type { ClickUpTaskMessage } from "./mapping";

type Tx = Prisma.TransactionClient;
type TaskChanged = Extract<ConsumedEvent, { type: "agents.task_changed" }>;

/** What a ClickUp connection subscribes to (its only kind of message). */
export const CLICKUP_EVENT = "agent.task";

/** The key of the delivery that makes a task in one ClickUp list: every later change is sent `after` it. */
export const CREATION_PREFIX = "clickup.task:";
export const creationKey = (taskId: string, integrationId: string) => `${CREATION_PREFIX}${taskId}:${integrationId}`;

/**
 * A task was made or changed: one delivery per active ClickUp connection that covers its shop,
 * with the task as it is now (read from the database, so a late event never sends a stale state).
 * The first delivery for a task and connection creates it there; each later event an update,
 * keyed by the event, so a redelivered event records nothing twice. A change that came from a
 * connection is not sent back to it.
 */
export async function recordTaskChange(tx: Tx, event: TaskChanged, appUrl: string): Promise<number> {
  const { taskId, shopId, source } = event.payload;
  const targets = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM integrations WHERE kind = 'CLICKUP' AND status <> 'PAUSED' AND ${CLICKUP_EVENT} = ANY(events)
      AND (cardinality(shop_ids) = 0 OR ${shopId}::uuid = ANY(shop_ids))`;
  let recorded = 0;
  for (const { id } of targets) {
    if (source === `clickup:${id}`) continue;
    recorded += await recordTask(tx, taskId, id, appUrl, `agents.task_changed:${event.id}:${id}`);
  }
  return recorded;
}

/**
 * Records the task's delivery to one connection: its creation if it has none yet (as it is now),
 * else an update under `updateKey` (none when it is null: a backfill only creates).
 */
export async function recordTask(tx: Tx, taskId: string, integrationId: string, appUrl: string, updateKey: string | null): Promise<number> {
  const task = await tx.agentTask.findUnique({ where: { id: taskId }, include: { owner: { select: { name: true, email: true, emailVerifiedAt: true } } } });
  if (!task) return 0;
  // The assignee the last delivery to this connection carried: an owner change moves the assignment.
  const [last] = await tx.$queryRaw<{ assignee: string | null }[]>`
    SELECT message->>'assignee' AS assignee FROM integration_deliveries
    WHERE integration_id = ${integrationId}::uuid AND kind = ${CLICKUP_EVENT} AND message->>'taskId' = ${taskId}
    ORDER BY created_at DESC LIMIT 1`;
  const shop = await tx.shop.findUniqueOrThrow({ where: { id: task.shopId }, select: { slug: true, name: true } });
  const owner = task.owner ? `\n\nOwner in Go Coffee: ${task.owner.name ?? task.owner.email ?? "someone"}` : "";
  const message: ClickUpTaskMessage = {
    kind: "task",
    taskId,
    name: task.title,
    detail: `${task.detail}\n\nShop: ${shop.name}${owner}`,
    status: task.status,
    dueAt: task.dueAt.toISOString(),
    link: new URL(`/manager/${shop.slug}/tasks`, appUrl).toString(),
    text: `Task “${task.title}” (${statusWord(task.status)})`,
    assignee: task.owner?.emailVerifiedAt ? task.owner.email : null,
    previousAssignee: last?.assignee ?? null,
  };
  const first = creationKey(taskId, integrationId);
  const insert = (key: string, m: ClickUpTaskMessage) => tx.$executeRaw`
    INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
    VALUES (${uuidv7()}::uuid, ${integrationId}::uuid, ${key}, ${CLICKUP_EVENT}, ${task.shopId}::uuid, ${JSON.stringify(m)}::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
  const made = await insert(first, message);
  if (made > 0 || updateKey === null) return made;
  return insert(updateKey, { ...message, after: first });
}
