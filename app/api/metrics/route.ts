import { registry } from "@/lib/metrics";

export const dynamic = "force-dynamic";

/** Prometheus metrics of this app instance. */
export async function GET() {
  const reg = registry();
  return new Response(await reg.metrics(), { headers: { "content-type": reg.contentType, "cache-control": "no-store" } });
}
