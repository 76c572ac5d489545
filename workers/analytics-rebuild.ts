// `npm run analytics:rebuild`: empties the order rollups and recomputes them from the order tables
// (after changing the rollup arithmetic, or to check them). Safe while the analytics worker runs:
// both lock per order, and the dashboard shows partial figures only until the rebuild finishes.
import { rebuild } from "@/lib/analytics/store";
import { createDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { preflight, runMain } from "@/lib/startup/preflight";

runMain(async () => {
  await preflight();
  const db = createDb(env().DATABASE_URL, 2);
  try {
    const result = await rebuild(db, { onBatch: (n) => process.stdout.write(`\r${n} orders`) });
    process.stdout.write(`\rRebuilt the analytics rollups from ${result.orders} orders in ${(result.ms / 1000).toFixed(1)} s\n`);
  } finally {
    await db.$disconnect();
  }
});
