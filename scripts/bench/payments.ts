import { measurePaymentLatency } from "./payment-latency";

/**
 * `npm run bench:payments`: mined payment → invoice PROCESSING on its own (bench:orders prints the
 * same figure as its last phase). BENCH_PAYMENTS payments (default 30). Prints figures only.
 */
const COUNT = Number(process.env.BENCH_PAYMENTS ?? 30);

measurePaymentLatency(COUNT)
  .then(({ p50, p95, max }) => {
    console.log(`payment mined → invoice PROCESSING, ${COUNT} USDC payments, watcher polling every 250 ms:`);
    console.log(`  p50 ${p50.toFixed(0)} ms   p95 ${p95.toFixed(0)} ms   max ${max.toFixed(0)} ms   (target <= 1500 ms: ${max <= 1500 ? "met" : "MISSED"})`);
  })
  .catch((error: unknown) => {
    console.error(`bench:payments failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
