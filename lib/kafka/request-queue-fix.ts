import RequestQueue from "kafkajs/src/network/requestQueue/index.js";

/**
 * kafkajs 2.2.4 (its last release) keeps every connection in a 1 ms timer loop while it is idle:
 * `RequestQueue.scheduleCheckPendingRequests` arms `setTimeout(throttledUntil - now)` even with
 * nothing pending and no throttle, a negative delay that Node runs after 1 ms, and the check it runs
 * arms the next one (tulios/kafkajs#1556, #1704; the fix in #1667 was never released). Measured
 * here: an idle worker spent 4–6 % of a core on it, so sixteen workers about one of the machine's
 * two cores with no events at all (docs/performance.md).
 *
 * This replaces the method with the same scheduling minus the loop: a check is armed only while a
 * request waits in the queue (every 10 ms, as kafkajs does) or the broker has throttled us (when
 * the throttle ends). A request that cannot go out at once is queued by `push`, which calls this
 * method, so nothing waits unscheduled. Imported for its effect by lib/kafka/client.ts, the one
 * module that builds kafkajs clients.
 */

const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

RequestQueue.prototype.scheduleCheckPendingRequests = function scheduleCheckPendingRequests(this: RequestQueue) {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  if (this.pending.length === 0 && untilUnthrottled <= 0) return;
  const delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
};
