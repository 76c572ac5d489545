import { authorize } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/http/responses";
import { tradesCsv } from "@/lib/trading/trades-csv";

export const dynamic = "force-dynamic";

/** GET /admin/treasury/trades.csv — every trade the desk recorded, as a CSV download (admins only: treasury:manage). */
export async function GET() {
  try {
    authorize(await getSessionUser(), "treasury:manage");
    const csv = await tradesCsv(db());
    const day = new Date().toISOString().slice(0, 10);
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="treasury-trades-${day}.csv"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
