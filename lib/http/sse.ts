/**
 * A server-sent-events response. `open` gets a `send` for events and returns a cleanup; a comment
 * line goes out every 15 s so proxies keep the connection open, and everything stops when the
 * client goes away, when the stream has lived `maxLifetimeMs` (browsers reconnect by themselves,
 * with Last-Event-ID, and are checked again), or when `stillAllowed` (asked every
 * `recheckEveryMs`) says the client has lost its access.
 */
export type SendEvent = (event: { event: string; id?: string | number; data: unknown }) => void;

export type StreamLife = {
  maxLifetimeMs?: number;
  recheckEveryMs?: number;
  stillAllowed?: () => Promise<boolean>;
  /** Called once when the stream ends, whatever ended it. */
  onEnd?: () => void;
};

export function sseResponse(signal: AbortSignal, open: (send: SendEvent) => Promise<() => void>, life: StreamLife = {}): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let ended = false;
  const timers: NodeJS.Timeout[] = [];
  let close: () => void = () => undefined;
  const stop = () => {
    for (const timer of timers) clearInterval(timer);
    cleanup?.();
    cleanup = undefined;
    if (!ended) {
      ended = true;
      life.onEnd?.();
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      const send: SendEvent = ({ event, id, data }) => {
        try {
          controller.enqueue(encoder.encode(`event: ${event}\n${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`));
        } catch {
          stop(); // the stream was closed under us
        }
      };
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      try {
        cleanup = await open(send);
      } catch (error) {
        stop();
        throw error;
      }
      timers.push(setInterval(() => send({ event: "ping", data: {} }), 15_000));
      if (life.maxLifetimeMs) timers.push(setTimeout(close, life.maxLifetimeMs));
      if (life.stillAllowed && life.recheckEveryMs) {
        const check = life.stillAllowed;
        timers.push(setInterval(() => void check().then((ok) => ok || close(), () => undefined), life.recheckEveryMs));
      }
      signal.addEventListener("abort", close);
      if (signal.aborted) close();
    },
    cancel: stop,
  });
  return new Response(stream, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}

/** The Last-Event-ID a reconnecting client sent, as a number; null when there is none (a first connect). */
export function lastEventIdOf(request: Request): number | null {
  const header = request.headers.get("last-event-id")?.trim();
  if (!header) return null;
  const id = Number(header);
  return Number.isSafeInteger(id) && id >= 0 ? id : null;
}
