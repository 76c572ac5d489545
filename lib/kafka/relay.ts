import type { Producer } from "kafkajs";
import type { Db } from "@/lib/db";
import { LeaderLock } from "@/lib/db/leader-lock";
import type { Logger } from "@/lib/log";
import { counter, gauge, histogram } from "@/lib/metrics";
import { SpanKind, startMessageSpans } from "@/lib/tracing";
import { encodeEnvelope } from "./envelope";
import { prefixed } from "./topics";

/** Only one relay publishes at a time, so one key's events leave in commit order. */
const LEADER_LOCK = "outbox-relay";
/** How often a standby relay tries to become the leader. */
const STANDBY_RETRY_MS = 2000;
/** How often a read starts from the first unsent row, for a row that committed late (see publishBatch). */
const FULL_READ_EVERY_MS = 1_000;
/**
 * A relay with nothing to send waits longer each time, up to this: at the 15 ms default it read
 * 67 times a second all night. The first read after a quiet spell waits at most this long; a busy
 * relay never gets there (any row read resets the wait to pollMs).
 */
const IDLE_POLL_MAX_MS = 100;

export type RelayOptions = {
  db: Db;
  /** The leader's own session: the leader lock, and the batches' reads and writes. */
  databaseUrl: string;
  producer: Producer;
  /**
   * Makes a fresh producer (unconnected) for when the broker has lost step with this one's
   * sequence numbers; kafkajs keeps its producer id across reconnects, so only a new producer
   * gets a new id. Without it the relay reconnects the one it has.
   */
  newProducer?: () => Producer;
  topicPrefix: string;
  batchSize: number;
  /**
   * How long the relay waits after a read that found less than a full batch. Commits do not wake
   * it (a NOTIFY would serialise every writer's commit; see the commits_without_notify migration):
   * this is both the added latency and the batching window. After reads that found nothing the
   * wait grows, up to IDLE_POLL_MAX_MS.
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
  trace_parent: string | null;
};

/**
 * Errors after which an idempotent producer can never send again as it is (seen after a broker
 * crash: the broker's producer state no longer matches the sequence numbers the producer holds).
 */
const PRODUCER_OUT_OF_STEP = new Set(["OUT_OF_ORDER_SEQUENCE_NUMBER", "UNKNOWN_PRODUCER_ID", "INVALID_PRODUCER_EPOCH"]);

function producerOutOfStep(error: unknown, depth = 0): boolean {
  if (typeof error !== "object" || error === null || depth > 3) return false;
  const e = error as { type?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.type === "string" && PRODUCER_OUT_OF_STEP.has(e.type)) return true;
  return producerOutOfStep(e.cause, depth + 1) || (Array.isArray(e.errors) && e.errors.some((inner) => producerOutOfStep(inner, depth + 1)));
}

const published = counter("gocoffee_outbox_published_total", "Outbox events published to Kafka", ["topic"]);
const publishErrors = counter("gocoffee_outbox_publish_errors_total", "Failed attempts to publish an outbox batch");
const producerRenewals = counter("gocoffee_outbox_producer_renewals_total", "Producers replaced after the broker lost step with their sequence numbers");
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
  private current: Producer;
  private connectFirst = false;

  constructor(private readonly opts: RelayOptions) {
    this.lock = new LeaderLock(opts.databaseUrl, LEADER_LOCK, opts.log);
    this.current = opts.producer;
  }

  /** The producer in use (a replaced one is disconnected by the relay; this one is the owner's to disconnect). */
  get producer(): Producer {
    return this.current;
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
    let idleMs = this.opts.pollMs;
    while (!this.stopping) {
      try {
        if (!(await this.lock.tryAcquire())) {
          await this.sleep(STANDBY_RETRY_MS);
          continue;
        }
        if (this.connectFirst) {
          await this.current.connect();
          this.connectFirst = false;
        }
        const sent = await this.publishBatch();
        backoffMs = 0;
        idleMs = sent === 0 ? Math.min(idleMs * 2, Math.max(IDLE_POLL_MAX_MS, this.opts.pollMs)) : this.opts.pollMs;
        if (sent < this.opts.batchSize) await this.sleep(idleMs);
      } catch (error) {
        publishErrors.inc();
        backoffMs = Math.min(Math.max(backoffMs * 2, 250), 5000);
        this.opts.log.warn({ err: error, retryInMs: backoffMs }, "outbox relay: publish failed, will retry");
        await this.sleep(backoffMs);
        // After a broker crash the idempotent producer's sequence numbers can be out of step with
        // the broker (OUT_OF_ORDER_SEQUENCE_NUMBER, not retriable) and every later send fails the
        // same way: a new producer (a new producer id, sequences from 0) sends the batch again.
        // Anything the old one did get through comes twice; consumers dedupe by event id.
        if (producerOutOfStep(error)) await this.renewProducer();
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
      "SELECT id, topic, key, type, version, payload, occurred_at, seq::text AS seq_text, trace_parent FROM outbox_events WHERE published_at IS NULL AND seq > $2 ORDER BY seq LIMIT $1",
      [this.opts.batchSize, full ? "0" : this.sentUpTo],
    );
    const oldest = rows[0];
    lag.set(oldest ? (Date.now() - oldest.occurred_at.getTime()) / 1000 : 0);
    if (!oldest) return 0;

    // A producer span per traced row; its traceparent goes out in the message's headers.
    const spans = startMessageSpans((r) => `publish ${r.type}`, SpanKind.PRODUCER, rows.map((r) => ({ key: r.key, type: r.type, id: r.id, traceparent: r.trace_parent })));
    const byTopic = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
    for (const [i, row] of rows.entries()) {
      const topic = prefixed(this.opts.topicPrefix, row.topic);
      const message = {
        key: row.key,
        value: encodeEnvelope({ id: row.id, type: row.type, key: row.key, version: row.version, occurredAt: row.occurred_at.toISOString(), payload: row.payload }),
        headers: { "event-id": row.id, "event-type": row.type, ...(spans.traceparents[i] ? { traceparent: spans.traceparents[i] } : {}) },
      };
      const messages = byTopic.get(topic);
      if (messages) messages.push(message);
      else byTopic.set(topic, [message]);
    }
    await this.current.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) }).then(
      () => spans.end(),
      (error: unknown) => {
        spans.end(error);
        throw error;
      },
    );

    const ids = rows.map((r) => r.id);
    await this.opts.afterPublish?.(ids);
    await session.query("UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::uuid[])", [ids]);
    const last = rows.at(-1)!.seq_text;
    if (BigInt(last) > BigInt(this.sentUpTo)) this.sentUpTo = last;
    for (const [topic, messages] of byTopic) published.inc({ topic }, messages.length);
    batchSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    return rows.length;
  }

  private async renewProducer(): Promise<void> {
    const old = this.current;
    await old.disconnect().catch(() => undefined);
    if (this.opts.newProducer) {
      this.current = this.opts.newProducer();
      producerRenewals.inc();
    }
    this.connectFirst = true;
    this.opts.log.warn({ renewed: this.opts.newProducer !== undefined }, "outbox relay: the broker lost step with the producer's sequence numbers; sending with a new producer");
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
