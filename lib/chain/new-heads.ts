import { createPublicClient, webSocket } from "viem";

/**
 * The chain's newest block number, told to whoever waits for a change. Two sources report into it:
 * an eth_subscribe("newHeads") over the node's WebSocket, which tells a new block within
 * milliseconds and costs nothing while the chain is quiet, and the caller's own clock reading
 * the head over HTTP, which keeps working when the socket is down (then a block waits for the next tick).
 * A lower number than the last is a change too: a restarted local chain starts again at block 0.
 */
export class HeadSignal {
  private head: bigint | null = null;
  private confirmed = 0;
  private waiters = new Set<() => void>();
  private closed = false;

  /** A source saw `head` now (the same number again still confirms the source is alive). */
  seen(head: bigint): void {
    this.confirmed = Date.now();
    if (head === this.head) return;
    this.head = head;
    this.wake();
  }

  get latest(): bigint | null {
    return this.head;
  }

  /** When a source last reported the head (ms since epoch, 0 never): a quiet chain is not a dead one. */
  get confirmedAt(): number {
    return this.confirmed;
  }

  /** The head once it differs from `from`, or after `ms` whatever it is (null before any report). */
  next(from: bigint | null, ms: number): Promise<bigint | null> {
    if (this.closed || (this.head !== null && this.head !== from)) return Promise.resolve(this.head);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.head);
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Every waiter returns at once, and later waits do not wait (the worker is stopping). */
  close(): void {
    this.closed = true;
    this.wake();
  }

  private wake(): void {
    for (const done of [...this.waiters]) done();
  }
}

/** The WebSocket URL of a node's HTTP JSON-RPC URL (anvil, geth and most nodes serve both on one port). */
export function webSocketUrlOf(rpcUrl: string): string {
  const url = new URL(rpcUrl);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  return url.toString();
}

/**
 * Subscribes `signal` to the node's new heads until the returned function is called. A subscription
 * that fails (the socket could not reconnect: viem tries 5 times, 2 s apart) is made again after
 * `retryMs`; meanwhile the caller's clock is the only source.
 */
export function subscribeNewHeads(wsUrl: string, signal: HeadSignal, opts: { retryMs?: number; onError?: (err: Error) => void } = {}): () => void {
  const retryMs = opts.retryMs ?? 5_000;
  let client: ReturnType<typeof socketClient> | null = null;
  let unwatch: (() => void) | null = null;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  const start = () => {
    client = socketClient(wsUrl);
    unwatch = client.watchBlockNumber({
      onBlockNumber: (n) => signal.seen(n),
      onError: (err) => {
        opts.onError?.(err);
        stopWatching();
        if (!stopped) retry = setTimeout(start, retryMs);
      },
    });
  };
  const stopWatching = () => {
    unwatch?.();
    unwatch = null;
    void client?.transport.getRpcClient().then((rpc) => rpc.close(), () => undefined);
    client = null;
  };
  start();
  return () => {
    stopped = true;
    clearTimeout(retry);
    stopWatching();
  };
}

const socketClient = (wsUrl: string) => createPublicClient({ transport: webSocket(wsUrl, { retryCount: 0 }) });
