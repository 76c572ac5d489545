import type pg from "pg";
import { gauge } from "@/lib/metrics";

/**
 * Connection pool gauges for Prometheus (alert GoCoffeeDatabasePoolSaturated): connections in use,
 * idle, and queries waiting for one, summed over the process's pools, read at scrape time.
 */
const pools = new Set<pg.Pool>();

const connections = gauge("gocoffee_db_pool_connections", "Database pool connections of this process, by state (in_use, idle, waiting = queued queries)", ["state"]);
const max = gauge("gocoffee_db_pool_max", "Largest number of connections the process's pools may open");

// prom-client calls collect() on every scrape.
Object.assign(connections, {
  collect() {
    let total = 0, idle = 0, waiting = 0;
    for (const p of pools) {
      total += p.totalCount;
      idle += p.idleCount;
      waiting += p.waitingCount;
    }
    connections.set({ state: "in_use" }, total - idle);
    connections.set({ state: "idle" }, idle);
    connections.set({ state: "waiting" }, waiting);
  },
});

/** Counts the pool in until it is ended. */
export function trackPool(pool: pg.Pool): pg.Pool {
  const size = pool.options.max ?? 10;
  pools.add(pool);
  max.inc(size);
  const end = pool.end.bind(pool) as () => Promise<void>;
  Object.assign(pool, {
    end: () => {
      if (pools.delete(pool)) max.dec(size);
      return end();
    },
  });
  return pool;
}
