import CircuitBreaker from "opossum";
import pRetry, { AbortError } from "p-retry";
import type { Producer } from "kafkajs";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { counter } from "@/lib/metrics";
import type { Adapter, Failure, SendContext } from "./adapter";
import type { AirtableAdapter } from "./airtable/adapter";
import type { ClickUpAdapter } from "./clickup/adapter";
import type { KeyRing } from "./crypto";
import { CredentialError, encrypt } from "./crypto";
import type { EmailAdapter } from "./email/adapter";
import type { MastodonAdapter } from "./mastodon/adapter";
import { PLATFORM_KINDS } from "./platform-channel";
import type { SheetsAdapter } from "./sheets/adapter";
import type { TelegramAdapter } from "./telegram/adapter";
import type { XAdapter } from "./x/adapter";
import { credentialOf, type SlackAdapter } from "./store";

/**
 * The delivery engine, shared by every integration. Deliveries are rows (the log is the queue):
 * the consumer records them (idempotently, lib/integrations/handlers.ts), and this sends them.
 *
 * - Claiming takes a lease (`next_attempt_at` moved ahead, SKIP LOCKED), so two workers never send
 *   one delivery at once and a worker that dies mid-send leaves it to be retried after the lease.
 * - Sending: p-retry with exponential backoff and full jitter, honouring Retry-After, through one
 *   opossum circuit breaker per integration (a failing service is left alone for `resetMs`
 *   instead of being hammered by every queued delivery).
 * - Outcomes: DELIVERED (with the service's id); DEAD after the retries or on a message the
 *   service will never take (logged with the reason, and published to
 *   `integrations.dead-letter.v1`); a refused credential or destination marks the integration
 *   BROKEN with the sentence, and its deliveries wait for an admin to reconnect (nothing lost);
 *   an open circuit puts the delivery back for later.
 *
 * A delivery is marked DELIVERED only after the service answered; a crash between the two is
 * the one window in which a message can be posted twice (Slack has no idempotency key; a mail
 * carries a Message-ID made from its key, so a repeat is recognisable as the same message).
 *
 * A delivery whose message names another's key in `after` (an agent alert's "resolved" follow-up)
 * is sent only after that one: it waits while the first is PENDING, and is not sent (DEAD, "never
 * posted", no dead letter) if the first died.
 *
 * The first one's external ref is handed to the follow-up as `afterRef` (a ClickUp task's update
 * changes the task its creation made).
 *
 * The adapter is chosen by the integration's kind: SLACK, CLICKUP, MASTODON, X, GOOGLE_SHEETS and AIRTABLE (admins' connections,
 * credentials stored encrypted), EMAIL and TELEGRAM (the platform's channels, lib/integrations/platform-channel.ts:
 * their service is configuration, so there is no stored credential to decrypt). A dispatcher only
 * claims the kinds it has an adapter for (the Telegram worker runs one for TELEGRAM alone).
 */

export type DispatcherOptions = {
  db: Db;
  ring: KeyRing;
  /** Slack connections; without it, their deliveries are left for a dispatcher that has one. */
  slack?: SlackAdapter;
  /** The mail channel's adapter; without it, mail deliveries are left for a dispatcher that has one. */
  email?: EmailAdapter;
  /** ClickUp lists (lib/integrations/clickup); without it, their deliveries are left for a dispatcher that has one. */
  clickup?: ClickUpAdapter;
  /** Mastodon connections (approved social posts); without it, their deliveries wait. */
  mastodon?: MastodonAdapter;
  /** X connections (approved social posts); without it, their deliveries wait. */
  x?: XAdapter;
  /** Google Sheets connections (the shops' days); without it, their deliveries wait. */
  sheets?: SheetsAdapter;
  /** Airtable connections (the menu mirror); without it, their deliveries wait. */
  airtable?: AirtableAdapter;
  /** The bot's channel (order and payment status, alerts to linked chats); without it, its deliveries are left for a dispatcher that has one. */
  telegram?: TelegramAdapter;
  log: Logger;
  /** Called once a delivery is sent (what it made, e.g. a Slack message's ts, in `externalRef`): a follow-up the sending makes possible. Its failure is logged; the delivery stays sent. */
  afterDelivered?: (delivery: { integrationId: string; idempotencyKey: string; kind: string; externalRef: string | null }) => Promise<unknown>;
  /** Publishes dead letters; absent in tests that only read the log. */
  deadLetter?: (record: DeadLetter) => Promise<void>;
  retries?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** Circuit breaker: opens at this failure percentage over at least `volume` calls in 10 s, retries after `resetMs`. */
  breaker?: { errorPercentage?: number; volume?: number; resetMs?: number };
  /** How long a claimed delivery is leased to this worker. */
  leaseMs?: number;
  batchSize?: number;
};

export type DeadLetter = { deliveryId: string; integrationId: string; kind: string; idempotencyKey: string; reason: string; attempts: number; message: unknown };

const sent = counter("gocoffee_integration_deliveries_total", "Integration deliveries by integration kind and outcome", ["integration", "outcome"]);

type Claimed = { id: string; integration_id: string; idempotency_key: string; kind: string; message: unknown; attempts: number; credentials: string; config: unknown; integration_kind: string };
// Method syntax in Adapter makes each service's adapter assignable to this.
type AnyAdapter = Adapter<unknown, unknown>;

export type Outcome = "delivered" | "dead" | "held" | "deferred" | "skipped";

export function createDispatcher(opts: DispatcherOptions) {
  const retries = opts.retries ?? 4;
  const minBackoffMs = opts.minBackoffMs ?? 500;
  const maxBackoffMs = opts.maxBackoffMs ?? 30_000;
  const resetMs = opts.breaker?.resetMs ?? 30_000;
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const breakers = new Map<string, CircuitBreaker<[string, unknown, unknown, SendContext], string>>();
  const adapters: Record<string, AnyAdapter> = { ...(opts.slack ? { SLACK: opts.slack } : {}), ...(opts.telegram ? { TELEGRAM: opts.telegram } : {}), ...(opts.email ? { EMAIL: opts.email } : {}), ...(opts.clickup ? { CLICKUP: opts.clickup } : {}), ...(opts.mastodon ? { MASTODON: opts.mastodon } : {}), ...(opts.x ? { X: opts.x } : {}), ...(opts.sheets ? { GOOGLE_SHEETS: opts.sheets } : {}), ...(opts.airtable ? { AIRTABLE: opts.airtable } : {}) };
  const kinds = Object.keys(adapters);

  const breakerFor = (integrationId: string, adapter: AnyAdapter) => {
    let breaker = breakers.get(integrationId);
    if (!breaker) {
      breaker = new CircuitBreaker((token: string, config: unknown, message: unknown, ctx: SendContext) => adapter.send(token, config, message, ctx), {
        timeout: false, // the client's own timeout applies
        errorThresholdPercentage: opts.breaker?.errorPercentage ?? 50,
        volumeThreshold: opts.breaker?.volume ?? 10,
        resetTimeout: resetMs,
        rollingCountTimeout: 10_000,
        // A refused credential or message says nothing about the service's health.
        errorFilter: (error: unknown) => adapter.classify(error).kind !== "transient",
      });
      breaker.on("open", () => opts.log.warn({ integrationId }, "integration circuit opened: the service keeps failing"));
      breaker.on("close", () => opts.log.info({ integrationId }, "integration circuit closed"));
      breakers.set(integrationId, breaker);
    }
    return breaker;
  };

  /** Leases up to `limit` due deliveries; `busy` integrations are skipped (their lane is still sending). */
  async function claim(limit: number, only?: string, busy: string[] = []): Promise<Claimed[]> {
    // RETURNING gives rows in no particular order: sort them, so one integration's lane sends in the order they were recorded.
    return opts.db.$queryRaw<Claimed[]>`
      WITH claimed AS (UPDATE integration_deliveries d SET next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
      FROM integrations i
      WHERE d.id IN (
        SELECT d2.id FROM integration_deliveries d2 JOIN integrations i2 ON i2.id = d2.integration_id
        WHERE d2.status = 'PENDING' AND d2.next_attempt_at <= now() AND i2.status = 'ACTIVE' AND i2.kind::text = ANY(${kinds}::text[])
          AND (${only ?? null}::uuid IS NULL OR d2.id = ${only ?? null}::uuid)
          AND NOT (d2.integration_id = ANY(${busy}::uuid[]))
          -- A follow-up (an alert's "resolved") waits while the message it follows is still to be sent.
          AND NOT EXISTS (SELECT 1 FROM integration_deliveries p WHERE p.idempotency_key = d2.message->>'after' AND p.status = 'PENDING')
        ORDER BY d2.next_attempt_at LIMIT ${limit} FOR UPDATE OF d2 SKIP LOCKED)
        AND i.id = d.integration_id
      RETURNING d.id, d.integration_id, d.idempotency_key, d.kind, d.message, d.attempts, d.created_at, i.credentials, i.config, i.kind::text AS integration_kind)
      SELECT id, integration_id, idempotency_key, kind, message, attempts, credentials, config, integration_kind FROM claimed ORDER BY created_at, id`;
  }

  async function deliver(row: Claimed): Promise<Outcome> {
    const log = opts.log.child({ deliveryId: row.id, integrationId: row.integration_id, kind: row.kind });
    const adapter = adapters[row.integration_kind]!;
    let message = row.message;
    const after = (row.message as { after?: unknown }).after;
    if (typeof after === "string") {
      const first = await opts.db.integrationDelivery.findUnique({ where: { idempotencyKey: after }, select: { status: true, externalRef: true } });
      // What the first one made (a ClickUp task's id) is what a follow-up changes.
      message = { ...(row.message as object), afterRef: first?.externalRef ?? undefined };
      if (first?.status !== "DELIVERED") {
        // Not a failure of the service: the message it follows up was never posted, so neither is this.
        await opts.db.$executeRaw`UPDATE integration_deliveries SET status = 'DEAD', last_error = ${"Not sent: the message it follows up was never posted"} WHERE id = ${row.id}::uuid AND status = 'PENDING'`;
        sent.inc({ integration: row.integration_kind, outcome: "skipped" });
        return "skipped";
      }
    }
    let token = "";
    // The platform's channels (mail, Telegram) are configuration (SMTP_URL, TELEGRAM_BOT_TOKEN), not a stored secret.
    if (!(PLATFORM_KINDS as readonly string[]).includes(row.integration_kind)) {
      try {
        token = await credentialOf(opts.db, opts.ring, { id: row.integration_id, credentials: row.credentials });
      } catch (error) {
        if (!(error instanceof CredentialError)) throw error;
        return hold(row, { kind: "credential", reason: `The stored token cannot be read (${error.message}). Reconnect with the token.` }, log);
      }
    }
    const breaker = breakerFor(row.integration_id, adapter);
    // A rotated credential is stored before the adapter uses it, and a retry sends with it.
    const ctx: SendContext = {
      saveCredential: async (credential) => {
        await opts.db.integration.update({ where: { id: row.integration_id }, data: { credentials: encrypt(opts.ring, credential, row.integration_id) } });
        token = credential;
      },
    };
    let attempts = 0;
    // Set inside the retried closure; TypeScript cannot see that, hence the widening cast.
    let last = null as Failure | null;
    try {
      const ref = await pRetry(
        async () => {
          attempts++;
          try {
            return await breaker.fire(token, row.config, message, ctx);
          } catch (error) {
            if ((error as { code?: string }).code === "EOPENBREAKER") throw new AbortError(Object.assign(new Error("circuit open"), { circuitOpen: true }));
            last = adapter.classify(error);
            if (last.kind !== "transient") throw new AbortError(last.reason);
            throw new Error(last.reason);
          }
        },
        {
          retries,
          factor: 2,
          minTimeout: minBackoffMs,
          maxTimeout: maxBackoffMs,
          randomize: true,
          // The service said how long to wait: wait that long (capped), then back off as usual.
          onFailedAttempt: async () => {
            const wait = last?.kind === "transient" ? last.retryAfterMs : undefined;
            if (wait) await new Promise((r) => setTimeout(r, Math.min(wait, maxBackoffMs)));
          },
        },
      );
      const marked = await opts.db.$executeRaw`UPDATE integration_deliveries SET status = 'DELIVERED', attempts = attempts + ${attempts}, external_ref = ${ref}, delivered_at = now(), last_error = NULL WHERE id = ${row.id}::uuid AND status = 'PENDING'`;
      sent.inc({ integration: row.integration_kind, outcome: "delivered" });
      log.info({ attempts }, "integration delivery sent");
      if (marked > 0 && opts.afterDelivered) {
        await opts.afterDelivered({ integrationId: row.integration_id, idempotencyKey: row.idempotency_key, kind: row.kind, externalRef: ref ?? null }).catch((err: unknown) => log.error({ err }, "follow-up after a sent delivery failed"));
      }
      return "delivered";
    } catch (error) {
      if ((error as { circuitOpen?: boolean }).circuitOpen || (error instanceof AbortError && (error.originalError as { circuitOpen?: boolean }).circuitOpen)) {
        await opts.db.$executeRaw`UPDATE integration_deliveries SET attempts = attempts + ${attempts - 1}, next_attempt_at = now() + ${resetMs} * interval '1 millisecond', last_error = ${"The service kept failing: paused sending (circuit open), will try again"} WHERE id = ${row.id}::uuid`;
        sent.inc({ integration: row.integration_kind, outcome: "deferred" });
        return "deferred";
      }
      const failure: Failure = (last as Failure | null) ?? { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
      if (failure.kind === "credential") return hold(row, failure, log, attempts);
      const reason = failure.kind === "transient" ? `${failure.reason}; gave up after ${attempts} attempts` : failure.reason;
      await opts.db.$executeRaw`UPDATE integration_deliveries SET status = 'DEAD', attempts = attempts + ${attempts}, last_error = ${reason} WHERE id = ${row.id}::uuid AND status = 'PENDING'`;
      sent.inc({ integration: row.integration_kind, outcome: "dead" });
      log.error({ reason, attempts }, "integration delivery dead-lettered");
      await opts.deadLetter?.({ deliveryId: row.id, integrationId: row.integration_id, kind: row.kind, idempotencyKey: row.idempotency_key, reason, attempts: row.attempts + attempts, message: row.message }).catch((err: unknown) => log.error({ err }, "dead letter could not be published (the delivery log has it)"));
      return "dead";
    }
  }

  /** The service refuses our credential or destination: the integration waits for an admin, its deliveries with it. */
  async function hold(row: Claimed, failure: Failure, log: Logger, attempts = 0): Promise<Outcome> {
    await opts.db.$transaction([
      opts.db.$executeRaw`UPDATE integrations SET status = 'BROKEN', status_reason = ${failure.reason}, updated_at = now() WHERE id = ${row.integration_id}::uuid`,
      opts.db.$executeRaw`UPDATE integration_deliveries SET attempts = attempts + ${attempts}, next_attempt_at = now(), last_error = ${failure.reason} WHERE id = ${row.id}::uuid`,
    ]);
    sent.inc({ integration: row.integration_kind, outcome: "held" });
    log.warn({ reason: failure.reason }, "integration broken: deliveries held until an admin reconnects it");
    return "held";
  }

  /** One integration's deliveries in order; different integrations side by side. */
  function byIntegration(rows: Claimed[]): Map<string, Claimed[]> {
    const lanes = new Map<string, Claimed[]>();
    for (const row of rows) lanes.set(row.integration_id, [...(lanes.get(row.integration_id) ?? []), row]);
    return lanes;
  }

  return {
    /** Sends what is due, up to a batch, and waits for all of it; returns how each went (tests: one deterministic step). */
    async runOnce(): Promise<Outcome[]> {
      const outcomes: Outcome[] = [];
      await Promise.all([...byIntegration(await claim(opts.batchSize ?? 20)).values()].map(async (list) => {
        for (const row of list) outcomes.push(await deliver(row));
      }));
      return outcomes;
    },
    /**
     * Sends until stopped, each integration in a lane of its own: its deliveries stay in order, and
     * one service that is slow or backing off (a mail server retrying for half a minute) never holds
     * another integration's deliveries back, as waiting for a whole batch before claiming more did.
     * Claims again as soon as a lane frees up or `wake()` is called (a consumer of this process just
     * recorded messages), else every `idleMs`. A wake while a claim is running is kept for the next nap.
     */
    start(idleMs: number) {
      const busy = new Set<string>();
      const lanes = new Set<Promise<void>>();
      let stopping = false;
      let woken = false;
      let endNap: (() => void) | null = null;
      const wake = () => {
        woken = true;
        endNap?.();
      };
      const nap = () =>
        new Promise<void>((resolve) => {
          if (woken) return resolve();
          const timer = setTimeout(resolve, idleMs);
          endNap = () => (clearTimeout(timer), resolve());
        }).finally(() => {
          woken = false;
          endNap = null;
        });
      const open = (integrationId: string, rows: Claimed[]) => {
        busy.add(integrationId);
        const lane = (async () => {
          for (const row of rows) await deliver(row).catch((err: unknown) => opts.log.warn({ err, deliveryId: row.id }, "integration delivery failed; retried after its lease"));
        })().finally(() => {
          busy.delete(integrationId);
          lanes.delete(lane);
          wake();
        });
        lanes.add(lane);
      };
      const loop = (async () => {
        while (!stopping) {
          const rows = await claim(opts.batchSize ?? 20, undefined, [...busy]).catch((err: unknown) => (opts.log.warn({ err }, "integration dispatch failed"), []));
          for (const [integrationId, list] of byIntegration(rows)) open(integrationId, list);
          if (rows.length === 0 && !stopping) await nap();
        }
      })();
      return {
        /** Looks for due deliveries now instead of at the end of the nap. */
        wake,
        /** Claims nothing more and waits for the lanes in flight. */
        async stop() {
          stopping = true;
          wake();
          await loop;
          await Promise.all([...lanes]);
        },
      };
    },
    /** Sends one delivery now if it is due (tests). */
    async deliverOne(id: string): Promise<Outcome | null> {
      const [row] = await claim(1, id);
      return row ? deliver(row) : null;
    },
    shutdown() {
      for (const b of breakers.values()) b.shutdown();
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/** Dead letters as Kafka messages on `topic`, keyed by the integration. */
export function kafkaDeadLetter(producer: Producer, topic: string) {
  return async (record: DeadLetter) => {
    await producer.send({ topic, acks: -1, messages: [{ key: record.integrationId, value: JSON.stringify(record), headers: { "dlq-consumer": "integrations", "dlq-reason": record.reason } }] });
  };
}
