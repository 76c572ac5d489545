/**
 * Wraps an async task so calls never overlap and never pile up: calls that arrive while it runs
 * are answered by one more run after it. Live streams use it to re-read state after bursts of
 * change notifications (a burst costs two reads, not one each).
 */
export function coalesced(task: () => Promise<void>): () => void {
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
      } while (again);
      running = false;
    })();
  };
}
