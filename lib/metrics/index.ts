import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// One registry per process, kept on globalThis so Next's module re-evaluation does not register
// the same metric twice (prom-client throws on duplicates).
const holder = globalThis as typeof globalThis & { __goCoffeeMetrics?: Registry };

export function registry(): Registry {
  if (!holder.__goCoffeeMetrics) {
    const reg = new Registry();
    // The event-loop delay is sampled every 50 ms, not prom-client's default 10: each sample is a
    // wake-up of the process, and at 10 ms every idle process woke 100 times a second (about 1 %
    // of a core each, with the app and eight workers on one box; docs/performance.md).
    collectDefaultMetrics({ register: reg, prefix: "gocoffee_", eventLoopMonitoringPrecision: 50 });
    holder.__goCoffeeMetrics = reg;
  }
  return holder.__goCoffeeMetrics;
}

function getOrCreate<T>(name: string, create: (reg: Registry) => T): T {
  const existing = registry().getSingleMetric(name);
  return (existing as T | undefined) ?? create(registry());
}

export function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return getOrCreate(name, (reg) => new Counter({ name, help, labelNames, registers: [reg] }));
}

export function gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
  return getOrCreate(name, (reg) => new Gauge({ name, help, labelNames, registers: [reg] }));
}

export function histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram<string> {
  return getOrCreate(name, (reg) => new Histogram({ name, help, labelNames, registers: [reg], ...(buckets ? { buckets } : {}) }));
}
