import pg from "pg";
import type { Logger } from "@/lib/log";

/**
 * "Only one of us does this": a PostgreSQL session-level advisory lock on a session of its own.
 * Whoever holds the lock is the leader; the others stand by and try again. A crashed or
 * disconnected leader's session ends, which releases the lock, so a standby takes over within
 * its retry interval. Leadership here saves duplicate work; it is not a fence: callers whose work
 * must never overlap make it idempotent as well (the payment watcher's is).
 */
export class LeaderLock {
  private client: pg.Client | undefined;

  constructor(
    private readonly databaseUrl: string,
    /** What is being led, e.g. "payment-watcher:31337"; hashed into the lock key. */
    readonly name: string,
    private readonly log: Logger,
  ) {}

  get held(): boolean {
    return this.client !== undefined;
  }

  /**
   * The session that holds the lock, while it does: work done on it stops the moment leadership
   * is lost (the outbox relay reads and marks its batches here).
   */
  get session(): pg.Client | undefined {
    return this.client;
  }

  /** Takes the lock if it is free; true when this process is (or already was) the leader. */
  async tryAcquire(): Promise<boolean> {
    if (this.client) return true;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: `leader:${this.name}` });
    client.on("error", (err) => this.log.warn({ err, lock: this.name }, "leader lock session error"));
    await client.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [this.name]);
      if (!rows[0]?.locked) {
        await client.end();
        return false;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    client.on("end", () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.log.warn({ lock: this.name }, "lost the leader lock's session; standing by");
    });
    this.client = client;
    this.log.info({ lock: this.name }, "leader");
    return true;
  }

  /** Gives the lock up (ending the session releases it). */
  async release(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
