/**
 * A server-sent-events response. `open` gets a `send` for events and returns a cleanup; a comment
 * line goes out every 15 s so proxies keep the connection open, and everything stops when the
 * client goes away.
 */
export type SendEvent = (event: { event: string; id?: string | number; data: unknown }) => void;

export function sseResponse(signal: AbortSignal, open: (send: SendEvent) => Promise<() => void>): Response {
  const encoder = new TextEncoder();
  let cleanup: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(heartbeat);
    cleanup?.();
    cleanup = undefined;
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send: SendEvent = ({ event, id, data }) => {
        try {
          controller.enqueue(encoder.encode(`event: ${event}\n${id === undefined ? "" : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`));
        } catch {
          stop(); // the stream was closed under us
        }
      };
      controller.enqueue(encoder.encode("retry: 2000\n\n"));
      cleanup = await open(send);
      heartbeat = setInterval(() => send({ event: "ping", data: {} }), 15_000);
      signal.addEventListener("abort", () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
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
