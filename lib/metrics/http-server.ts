import http from "node:http";
import { counter, histogram } from "@/lib/metrics";

/**
 * Request counts and durations of this process's HTTP server, by method, route and status, for
 * the app's 5xx-rate and placement-latency alerts. Measured at node:http (every response Next
 * writes, pages, route handlers and server actions alike). Long-lived streams (SSE) are counted
 * but not timed: their duration is the viewer's visit, not a latency.
 */
const requests = counter("gocoffee_http_requests_total", "HTTP responses by method, route and status", ["method", "route", "status"]);
const duration = histogram("gocoffee_http_request_duration_seconds", "Time to the end of the HTTP response, by method and route (streams excluded)", ["method", "route"], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);

const ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{20,})$/i;

/** A low-cardinality route label: ids become [id], static assets one bucket, at most four segments. */
export function routeOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0]!;
  if (path.startsWith("/_next/")) return "/_next";
  const segments = path.split("/").filter(Boolean).slice(0, 4).map((s) => (ID.test(s) ? "[id]" : s.length > 40 ? "[long]" : s));
  return `/${segments.join("/")}`;
}

const installed = Symbol.for("gocoffee.httpMetrics");

/** Patches http.Server once per process, so every server it starts is measured. */
export function instrumentHttpServer(): void {
  const proto = http.Server.prototype as http.Server & { [installed]?: true };
  if (proto[installed]) return;
  proto[installed] = true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string, ...args: [unknown, ...unknown[]]) {
    if (event === "request") {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const started = process.hrtime.bigint();
      res.once("finish", () => {
        const route = routeOf(req.url);
        const method = req.method ?? "GET";
        requests.inc({ method, route, status: String(res.statusCode) });
        if (!String(res.getHeader("content-type") ?? "").startsWith("text/event-stream")) duration.observe({ method, route }, Number(process.hrtime.bigint() - started) / 1e9);
      });
    }
    return (emit as (event: string, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof proto.emit;
}
