import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { gauge } from "@/lib/metrics";

/**
 * The outbox's backlog as the database sees it: how many events wait and how old the oldest is.
 * Read on its own timer in every relay pod (leader or standby), so it keeps telling the truth when
 * the relay itself is stuck or has no leader. Alerts GoCoffeeOutboxBacklog / GoCoffeeOutboxStalled.
 */
const backlog = gauge("gocoffee_outbox_backlog_events", "Outbox events not yet published to Kafka");
const oldest = gauge("gocoffee_outbox_backlog_oldest_seconds", "Age of the oldest unpublished outbox event (0 when none)");

export function watchOutboxBacklog(db: Db, log: Logger, everyMs = 10_000): { stop(): void } {
  const read = async () => {
    const [row] = await db.$queryRaw<{ count: bigint; age: number | null }[]>`
      SELECT count(*) AS count, extract(epoch FROM now() - min(occurred_at))::float8 AS age FROM outbox_events WHERE published_at IS NULL`;
    backlog.set(Number(row?.count ?? 0));
    oldest.set(Math.max(0, row?.age ?? 0));
  };
  const tick = () => void read().catch((err: unknown) => log.debug({ err }, "outbox backlog read failed"));
  tick();
  const timer = setInterval(tick, everyMs);
  return { stop: () => clearInterval(timer) };
}
