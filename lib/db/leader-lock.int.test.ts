import pg from "pg";
import { describe, expect, it } from "vitest";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { LeaderLock } from "./leader-lock";

describe("LeaderLock", () => {
  it("lets one process lead; a standby takes over when the leader lets go or its session dies", async () => {
    const name = `test-leader:${crypto.randomUUID()}`;
    const log = childLogger("leader-lock-test");
    const a = new LeaderLock(env().DATABASE_URL, name, log);
    const b = new LeaderLock(env().DATABASE_URL, name, log);
    try {
      expect(await a.tryAcquire()).toBe(true);
      expect(await a.tryAcquire()).toBe(true); // already the leader
      expect(await b.tryAcquire()).toBe(false);
      expect(b.held).toBe(false);

      await a.release();
      expect(a.held).toBe(false);
      expect(await b.tryAcquire()).toBe(true);

      // The leader's session is killed (a crash, a network cut): it notices, and the lock is free.
      const admin = new pg.Client({ connectionString: env().DATABASE_URL });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", [`leader:${name}`]);
      await admin.end();
      await expect.poll(() => b.held, { timeout: 5_000 }).toBe(false);
      expect(await a.tryAcquire()).toBe(true);
    } finally {
      await a.release();
      await b.release();
    }
  });
});
