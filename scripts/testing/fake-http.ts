import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** The small HTTP pieces the local fakes of outside services share (fake-google.ts, fake-airtable.ts). */

/** Thrown by a fake's handler to answer with this status and body (the service's own error format). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(String(status));
  }
}

/** The request's body as text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

/** Answers JSON. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** One request to a JSON fake, as it was received, and the status it got. */
export type FakeRequest = { method: string; path: string; query: Record<string, string>; headers: IncomingMessage["headers"]; body: unknown };
export type JsonFake = { url: string; requests: (FakeRequest & { status: number })[]; close(): Promise<void> };

/**
 * A JSON API on 127.0.0.1 (port 0: the system picks): each request (its body parsed; null when
 * empty or not JSON) goes to `answer`, whose value is sent as 200; an HttpError sends its status and
 * body, anything else a 500 with `internal(message)` in the service's error shape. Every request is
 * kept, with its status, in `requests`. For the DEX API fakes (fake-oneinch.ts, fake-jupiter.ts, fake-raydium.ts).
 */
export async function startJsonFake(answer: (r: FakeRequest) => Promise<unknown>, opts: { port?: number; internal: (message: string) => unknown }): Promise<JsonFake> {
  const requests: JsonFake["requests"] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const text = await readBody(req);
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: handed on as null
      }
      const request: FakeRequest = { method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body };
      let status = 200;
      let out: unknown;
      try {
        out = await answer(request);
      } catch (error) {
        const e = error instanceof HttpError ? error : new HttpError(500, opts.internal(error instanceof Error ? error.message : String(error)));
        [status, out] = [e.status, e.body];
      }
      requests.push({ ...request, status });
      sendJson(res, status, out);
    })();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
