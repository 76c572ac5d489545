/**
 * At most one run per key (a shop) per interval, and never a lost last one. Agents that re-assess a
 * shop's state after its events would otherwise do it for every Kafka batch of every partition —
 * under a rush, several times a second for the same shop, each reading the shop's whole stock or
 * hour. `take` says whether to run now; a key asked for again inside its interval is handed to
 * `later` once, when the interval ends, with the newest argument (the trailing run sees the state
 * after the whole burst). Per process: two instances each keep their own interval.
 *
 * `deferIfBusy` is the second half of `take` alone: a key inside its interval is handed to the
 * trailing run (true); a key free to run now is left as it was (false), to be taken later. A
 * consumer asks it before its transaction, so that under a rush an event whose only effect would
 * be a throttled look costs no transaction and no processed-events row.
 */
export type KeyedThrottle<A> = { take(key: string, arg: A): boolean; deferIfBusy(key: string, arg: A): boolean; stop(): void };

export function keyedThrottle<A>(intervalMs: number, later: (key: string, arg: A) => void, now: () => number = Date.now): KeyedThrottle<A> {
  const lastRun = new Map<string, number>();
  const pending = new Map<string, { arg: A; timer: ReturnType<typeof setTimeout> }>();
  function deferIfBusy(key: string, arg: A): boolean {
    const waiting = pending.get(key);
    if (waiting) {
      waiting.arg = arg;
      return true;
    }
    const t = now();
    const last = lastRun.get(key);
    if (last === undefined || t - last >= intervalMs) return false;
    const timer = setTimeout(() => {
      const due = pending.get(key);
      pending.delete(key);
      lastRun.set(key, now());
      if (due) later(key, due.arg);
    }, last + intervalMs - t);
    timer.unref?.();
    pending.set(key, { arg, timer });
    return true;
  }
  return {
    take(key, arg) {
      if (deferIfBusy(key, arg)) return false;
      lastRun.set(key, now());
      return true;
    },
    deferIfBusy,
    /** Drops the trailing runs not yet due (a restart's sweep assesses every shop anyway). */
    stop() {
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
    },
  };
}
