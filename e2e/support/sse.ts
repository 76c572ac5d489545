import { expect } from "@playwright/test";

export type SseEvent = { event: string; id: number | null; data: unknown };

/**
 * Reads server-sent events from `url` until `until` says stop, the stream ends, or `timeoutMs`
 * passes; answers the events and how the read ended.
 */
export async function readEvents(url: string, opts: { headers?: Record<string, string>; until?: (events: SseEvent[]) => boolean; timeoutMs?: number } = {}): Promise<{ events: SseEvent[]; ended: boolean }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: opts.headers ?? {}, signal: controller.signal });
  expect(response.status, await (response.ok ? Promise.resolve(url) : response.clone().text())).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: SseEvent[] = [];
  let buffer = "";
  let ended = false;
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  // One read in flight at a time: a read abandoned to the timeout would swallow the next chunk.
  let pending: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  try {
    while (!(opts.until?.(events) ?? false) && Date.now() < deadline) {
      pending ??= reader.read();
      const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), 250))]);
      if (chunk === null) continue;
      pending = null;
      if (chunk.done) {
        ended = true;
        break;
      }
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && event !== "ping" && data) events.push({ event, id: id ? Number(id) : null, data: JSON.parse(data) });
      }
    }
  } finally {
    controller.abort();
  }
  return { events, ended };
}
