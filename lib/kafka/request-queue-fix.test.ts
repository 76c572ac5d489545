import RequestQueue from "kafkajs/src/network/requestQueue/index.js";
import { afterEach, describe, expect, it } from "vitest";
import "./request-queue-fix";

const logger = { debug() {}, info() {}, warn() {}, error() {} };
const queues: RequestQueue[] = [];

function queue(): RequestQueue {
  const q = new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: "test", broker: "127.0.0.1:9092", logger });
  queues.push(q);
  return q;
}

afterEach(() => queues.splice(0).forEach((q) => q.destroy()));

describe("kafkajs request queue, with the idle-loop fix", () => {
  it("arms no timer when nothing waits and the broker does not throttle (kafkajs 2.2.4 re-armed a 1 ms timer forever)", () => {
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
  });

  it("checks again when a request waits in the queue", () => {
    const q = queue();
    q.pending.push({});
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });

  it("checks again when a broker throttle ends, even with nothing waiting", () => {
    const q = queue();
    q.throttledUntil = Date.now() + 5_000;
    q.scheduleCheckPendingRequests();
    expect(q.throttleCheckTimeoutId).not.toBeNull();
  });
});
