import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { verifySlackSignature } from "./signature";

/** The part of Slack's block_actions payload we read (https://api.slack.com/reference/interaction-payloads/block-actions). */
const blockActions = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id: z.string().max(64), username: z.string().max(128).optional(), name: z.string().max(128).optional() }),
  actions: z.array(z.object({ action_id: z.string().max(255), value: z.string().max(2000).optional() })).max(25),
});

/**
 * One request to the Slack interactivity endpoint: the signature is checked over the raw body
 * before anything is parsed (401 otherwise); an "Acknowledge" press records who acknowledged
 * which alert on its delivery (shown in the admin's delivery log). Other interactions are accepted
 * and ignored, as Slack expects a 200 for them.
 */
export async function handleSlackInteraction(db: Db, opts: { secret: string; body: string; timestamp: string | null; signature: string | null }): Promise<{ acknowledged: number }> {
  const check = verifySlackSignature(opts);
  if (!check.ok) throw new DomainError("unauthenticated", `Request refused: ${check.reason}.`);
  const raw = new URLSearchParams(opts.body).get("payload");
  if (!raw) throw new DomainError("invalid", "Expected a form field 'payload' with Slack's interaction JSON.");
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new DomainError("invalid", "The 'payload' field is not JSON.");
  }
  const parsed = blockActions.safeParse(json);
  if (!parsed.success) return { acknowledged: 0 };
  const by = parsed.data.user.username ?? parsed.data.user.name ?? parsed.data.user.id;
  let acknowledged = 0;
  for (const action of parsed.data.actions) {
    if (action.action_id !== "gocoffee.ack" || !action.value) continue;
    const r = await db.integrationDelivery.updateMany({ where: { idempotencyKey: action.value, acknowledgedBy: null }, data: { acknowledgedBy: by } });
    acknowledged += r.count;
  }
  return { acknowledged };
}
