import { db } from "@/lib/db";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

/** 200 when the database and Kafka answer, 503 when not: `{ status, checks: { db, kafka, redis } }`, each "ok" or "down". */
export async function GET() {
  const report = await checkHealth(db());
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
