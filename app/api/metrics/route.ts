import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { json } from "@/lib/http/responses";
import { registry } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** Whether the Authorization header carries METRICS_TOKEN (compared in constant time). */
function authorized(header: string | null, token: string | undefined): boolean {
  if (!token || !header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Prometheus metrics of this app instance, for the scraper only: `Authorization: Bearer
 * <METRICS_TOKEN>`. Without a configured token nobody gets them over the public port (the
 * workers serve theirs on loopback ports).
 */
export async function GET(request: Request) {
  if (!authorized(request.headers.get("authorization"), env().METRICS_TOKEN)) {
    return json({ error: { code: "unauthenticated", message: "Metrics need Authorization: Bearer <METRICS_TOKEN>." } }, 401, { "www-authenticate": 'Bearer realm="metrics"' });
  }
  const reg = registry();
  return new Response(await reg.metrics(), { headers: { "content-type": reg.contentType, "cache-control": "no-store" } });
}
