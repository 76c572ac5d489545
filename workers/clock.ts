import type { Logger } from "@/lib/log";

/**
 * A worker's clock: `pass` now and then every `everyMs` until stopped. A pass that fails is logged
 * and tried again at the next tick; `stop()` wakes the wait and resolves when the pass in flight ends
 * (a stop that comes during a pass does not then wait out a period: the tasting agent's hour-long
 * clock once held the agents' SIGTERM past its 25 s deadline that way).
 */
export function startClock(log: Logger, everyMs: number, what: string, pass: () => Promise<void>): { stop(): Promise<void> } {
  let stopping = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | undefined;
  const loop = (async () => {
    while (!stopping) {
      try {
        await pass();
      } catch (err) {
        log.warn({ err }, `${what} failed; trying again in ${everyMs} ms`);
      }
      if (stopping) break;
      await new Promise<void>((r) => {
        wake = r;
        timer = setTimeout(r, everyMs);
      });
    }
  })();
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
