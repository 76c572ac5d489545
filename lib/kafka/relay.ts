import type { Producer } from "kafkajs";
import type { Db } from "@/lib/db";
import { LeaderLock } from "@/lib/db/leader-lock";
import type { Logger } from "@/lib/log";
import { counter, gauge, histogram } from "@/lib/metrics";
import { encodeEnvelope } from "./envelope";
import { prefixed } from "./topics";

/** Only one relay publishes at a time, so one key's events leave in commit order. */
const LEADER_LOCK = "outbox-relay";
/** How often a standby relay tries to become the leader. */
const STANDBY_RETRY_MS = 2000;
/** How often a read starts from the first unsent row, for a row that committed late (see publishBatch). */
const FULL_READ_EVERY_MS = 1_000;

export type RelayOptions = {
  db: Db;
  /** The leader's own session: the leader lock, and the batches' reads and writes. */
  databaseUrl: string;
  producer: Producer;
  topicPrefix: string;
  batchSize: number;
  /**
   * How long the relay waits after a read that found less than a full batch. Commits do not wake
   * it (a NOTIFY would serialise every writer's commit; see the commits_without_notify migration):
   * this is both the added latency and the batching window.
   */
  pollMs: number;
  log: Logger;
  /** Test seam: runs after Kafka acknowledged a batch and before the rows are marked sent. */
  afterPublish?: (eventIds: string[]) => Promise<void>;
};

type OutboxRow = {
  id: string;
  topic: string;
  key: string;
  type: string;
  version: number;
  payload: unknown;
  occurred_at: Date;
  seq_text: string;
};

const published = counter("gocoffee_outbox_published_total", "Outbox events published to Kafka", ["topic"]);
const publishErrors = counter("gocoffee_outbox_publish_errors_total", "Failed attempts to publish an outbox batch");
const lag = gauge("gocoffee_outbox_oldest_unpublished_seconds", "Age of the oldest unpublished outbox event at the last look");
const batchSeconds = histogram("gocoffee_outbox_batch_seconds", "Time to publish and mark one outbox batch", [], [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5]);

/**
 * Publishes outbox rows to Kafka in `seq` order and marks them sent. Delivery is at least once:
 * a crash between Kafka's acknowledgement and the mark re-sends the batch, and consumers dedupe by
 * event id. Polls every pollMs (a few ms) on its leader session.
 */
export class OutboxRelay {
  private readonly lock: LeaderLock;
  private stopping = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  /** The highest seq sent so far, and when a read last started from the first unsent row. */
  private sentUpTo = "0";
  private lastFullRead = 0;

  constructor(private readonly opts: RelayOptions) {
    this.lock = new LeaderLock(opts.databaseUrl, LEADER_LOCK, opts.log);
  }

  get leader(): boolean {
    return this.lock.held;
  }

  async start(): Promise<void> {
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then releases the leader lock (its session). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoffMs = 0;
    while (!this.stopping) {
      try {
        if (!(await this.lock.tryAcquire())) {
          await this.sleep(STANDBY_RETRY_MS);
          continue;
        }
        const sent = await this.publishBatch();
        backoffMs = 0;
        if (sent < this.opts.batchSize) await this.sleep(this.opts.pollMs);
      } catch (error) {
        publishErrors.inc();
        backoffMs = Math.min(Math.max(backoffMs * 2, 250), 5000);
        this.opts.log.warn({ err: error, retryInMs: backoffMs }, "outbox relay: publish failed, will retry");
        await this.sleep(backoffMs);
        // After a broker restart the idempotent producer's sequence numbers can be out of step
        // (OUT_OF_ORDER_SEQUENCE_NUMBER, not retriable): reconnecting takes a new producer id.
        if ((error as { type?: string }).type === "OUT_OF_ORDER_SEQUENCE_NUMBER") {
          await this.opts.producer.disconnect().catch(() => undefined);
          await this.opts.producer.connect().catch((err: unknown) => this.opts.log.warn({ err }, "outbox relay: producer reconnect failed"));
        }
      }
    }
    // Closing the session releases the lock for the next relay.
    await this.lock.release();
  }

  /** Publishes one batch; returns how many events it sent. */
  async publishBatch(): Promise<number> {
    const started = process.hrtime.bigint();
    // On the leader's own session (which holds the lock): no pool or ORM round on the hot path, and
    // a relay that lost its session (and so its leadership) cannot mark anything sent.
    const session = this.lock.session;
    if (!session) return 0;
    // Marking a row sent leaves a dead entry at the front of the (published_at, seq) index, so a
    // plain "oldest unpublished" read wades through every recently sent row (it was Postgres's
    // top CPU item under load). Reads start after the last seq sent instead; once per pollMs a
    // read starts from the beginning, for a row whose transaction committed after a higher seq was
    // sent. Events of one key cannot be overtaken that way: their transactions lock the same row,
    // so they take their seqs in commit order.
    const full = Date.now() - this.lastFullRead >= FULL_READ_EVERY_MS;
    if (full) this.lastFullRead = Date.now();
    const { rows } = await session.query<OutboxRow>(
      "SELECT id, topic, key, type, version, payload, occurred_at, seq::text AS seq_text FROM outbox_events WHERE published_at IS NULL AND seq > $2 ORDER BY seq LIMIT $1",
      [this.opts.batchSize, full ? "0" : this.sentUpTo],
    );
    const oldest = rows[0];
    lag.set(oldest ? (Date.now() - oldest.occurred_at.getTime()) / 1000 : 0);
    if (!oldest) return 0;

    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const topic = prefixed(this.opts.topicPrefix, row.topic);
      const message = {
        key: row.key,
        value: encodeEnvelope({ id: row.id, type: row.type, key: row.key, version: row.version, occurredAt: row.occurred_at.toISOString(), payload: row.payload }),
        headers: { "event-id": row.id, "event-type": row.type },
      };
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    await this.opts.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });

    const ids = rows.map((r) => r.id);
    await this.opts.afterPublish?.(ids);
    await session.query("UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])", [ids]);
    const last = rows.at(-1)!.seq_text;
    if (BigInt(last) > BigInt(this.sentUpTo)) this.sentUpTo = last;
    for (const [topic, messages] of byTopic) published.inc({ topic }, messages.length);
    batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    return rows.length;
  }

  /** Deletes published rows older than the retention; the relay calls it now and then. */
  async prune(retentionDays: number): Promise<number> {
    return this.opts.db.$executeRaw`
      DELETE FROM outbox_events WHERE published_at < now() - make_interval(days => ${retentionDays})`;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
