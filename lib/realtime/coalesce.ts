/**
 * Wraps an async task so calls never overlap and never pile up: calls that arrive while it runs
 * are answered by one more run after it. Live streams use it to re-read state after bursts of
 * change notifications (a burst costs two reads, not one each). With `gapMs`, a follow-up run
 * waits that long after the previous one ended: under a steady flow of changes the reads then
 * come at most every gapMs (plus their own time) instead of back to back, while a lone change
 * is still read at once.
 */
export function coalesced(task: () => Promise<void>, opts: { gapMs?: number } = {}): () => void {
  const gapMs = opts.gapMs ?? 0;
  let running = false;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        await task().catch(() => undefined);
        if (again && gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
      } while (again);
      running = false;
    })();
  };
}
