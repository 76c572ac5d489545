import { v7 as uuidv7 } from "uuid";
import type { Db, Prisma } from "@/lib/db";

type Tx = Prisma.TransactionClient;

/**
 * A channel of the platform's own in the delivery engine (mail over SMTP, the Telegram bot): one
 * `integrations` row with a fixed id, so its messages get what admins' connections get — the
 * delivery log, retries with backoff, a circuit breaker, dead letters, an idempotency key per
 * message. It is not an admin connection: its service is configuration (the environment), its
 * credential column holds no secret, it subscribes to no alert kinds, and the admin screen's doors
 * neither list nor change it (lib/integrations/store.ts ADMIN_KINDS).
 */
/** The kinds whose rows are platform channels: the dispatcher reads no stored credential for them. */
export const PLATFORM_KINDS = ["EMAIL", "TELEGRAM"] as const;

export type PlatformChannel = { id: string; kind: (typeof PLATFORM_KINDS)[number]; name: string; /** Where its settings come from, kept where a credential would be. */ configuredBy: string };

/** Creates the channel's row if it is missing (a fresh database, or after a test wiped integrations). */
export async function ensureChannel(tx: Tx | Db, channel: PlatformChannel): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO integrations (id, kind, name, status, credentials, config, shop_ids, events, updated_at)
    VALUES (${channel.id}::uuid, ${channel.kind}::"IntegrationKind", ${channel.name}, 'ACTIVE', ${channel.configuredBy}, '{}'::jsonb, '{}', '{}', now())
    ON CONFLICT (id) DO NOTHING`;
}

/**
 * At the sending worker's start: the channel's settings are configuration, so a restart (after
 * they were fixed) is the "reconnect": a channel held BROKEN by a refused login is active again
 * and its held messages are due now.
 */
export async function resumeChannel(db: Db, channel: PlatformChannel): Promise<void> {
  await ensureChannel(db, channel);
  await db.$transaction([
    db.$executeRaw`UPDATE integrations SET status = 'ACTIVE', status_reason = NULL, updated_at = now() WHERE id = ${channel.id}::uuid AND status = 'BROKEN'`,
    db.$executeRaw`UPDATE integration_deliveries SET next_attempt_at = now() WHERE integration_id = ${channel.id}::uuid AND status = 'PENDING' AND next_attempt_at > now()`,
  ]);
}

/**
 * Records one message for the dispatcher inside the caller's transaction, once per key: however
 * often an event is delivered or replayed, the key finds its row and nothing more is recorded.
 * Returns whether it was recorded now.
 */
export async function recordOnChannel(tx: Tx, channel: PlatformChannel, input: { key: string; kind: string; shopId: string | null; message: unknown }): Promise<boolean> {
  await ensureChannel(tx, channel);
  const inserted = await tx.$executeRaw`
    INSERT INTO integration_deliveries (id, integration_id, idempotency_key, kind, shop_id, message)
    VALUES (${uuidv7()}::uuid, ${channel.id}::uuid, ${input.key}, ${input.kind}, ${input.shopId}::uuid, ${JSON.stringify(input.message)}::jsonb)
    ON CONFLICT (idempotency_key) DO NOTHING`;
  return inserted > 0;
}
