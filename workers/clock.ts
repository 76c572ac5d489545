import type { Logger } from "@/lib/log";

/**
 * A worker's clock: `pass` now and then every `everyMs` until stopped. A pass that fails is logged
 * and tried again at the next tick; `stop()` wakes the wait and resolves when the pass in flight ends.
 */
export function startClock(log: Logger, everyMs: number, what: string, pass: () => Promise<void>): { stop(): Promise<void> } {
  let stopping = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopping) {
      try {
        await pass();
      } catch (err) {
        log.warn({ err }, `${what} failed; trying again in ${everyMs} ms`);
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, everyMs);
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
