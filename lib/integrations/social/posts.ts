import { v7 as uuidv7 } from "uuid";
import type { Prisma } from "@/lib/db";
import type { MastodonMessage } from "../mastodon/adapter";
import type { XMessage } from "../x/adapter";
import { fitForX } from "../x/text";

type Tx = Prisma.TransactionClient;

/** The delivery kind of a social post, and what a Mastodon or X connection subscribes to. */
export const SOCIAL_POST_DELIVERY = "social.post";

type PostPayload = { text?: unknown; imagePath?: unknown; productName?: unknown };

/** The kinds of connection a social post is published to. */
export const SOCIAL_KINDS = ["MASTODON", "X"] as const;
export type SocialTarget = { id: string; kind: (typeof SOCIAL_KINDS)[number] };

/** The Mastodon and X connections that publish a shop's posts now: not paused (a BROKEN one holds its deliveries until reconnected). */
export async function socialTargets(tx: Tx, shopId: string): Promise<SocialTarget[]> {
  return tx.$queryRaw<SocialTarget[]>`
    SELECT id, kind::text AS kind FROM integrations WHERE kind::text IN ('MASTODON', 'X') AND status <> 'PAUSED' AND ${SOCIAL_POST_DELIVERY} = ANY(events)
      AND (cardinality(shop_ids) = 0 OR ${shopId}::uuid = ANY(shop_ids))
    ORDER BY id`;
}

/**
 * An approved social post becomes one delivery per Mastodon or X connection of its shop, key
 * `social.post:<proposal id>:<connection>` (also the Idempotency-Key Mastodon gets): a
 * redelivered or replayed approval event records nothing more, so the post is published once.
 * X's delivery carries the text as it will be posted, fitted to X's 280 (x/text.ts), so the log
 * shows what was published.
 * Not approved, not a social post, or no connection: nothing (the post waits on the Social screen).
 */
export async function recordSocialPost(tx: Tx, proposalId: string): Promise<number> {
  const p = await tx.agentProposal.findUnique({ where: { id: proposalId }, select: { id: true, kind: true, status: true, shopId: true, payload: true } });
  if (!p || p.kind !== "social_post" || p.status !== "APPROVED") return 0;
  const payload = p.payload as PostPayload;
  if (typeof payload.text !== "string" || typeof payload.imagePath !== "string") return 0;
  let recorded = 0;
  const imageDescription = `Illustration of ${typeof payload.productName === "string" ? payload.productName : "the product"}`;
  for (const { id: integrationId, kind } of await socialTargets(tx, p.shopId)) {
    const key = `${SOCIAL_POST_DELIVERY}:${p.id}:${integrationId}`;
    const message: MastodonMessage | XMessage =
      kind === "X"
        ? { type: "post", text: fitForX(payload.text), imagePath: payload.imagePath, imageDescription, proposalId: p.id, summary: payload.text.slice(0, 120) }
        : { type: "status", text: payload.text, imagePath: payload.imagePath, imageDescription, proposalId: p.id, idempotencyKey: key, summary: payload.text.slice(0, 120) };
    recorded += await tx.$executeRaw`
      INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
      VALUES (${uuidv7()}::uuid, ${integrationId}::uuid, ${key}, ${SOCIAL_POST_DELIVERY}, ${p.shopId}::uuid, ${JSON.stringify(message)}::jsonb)
      ON CONFLICT (idempotency_key) DO NOTHING`;
  }
  return recorded;
}
