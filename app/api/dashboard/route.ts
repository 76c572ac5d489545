import { getSessionUser } from "@/lib/auth/session";
import { getDashboard } from "@/lib/analytics/dashboard";
import { dashboardQuery, periodOf } from "@/lib/analytics/period";
import { dashboardScope } from "@/lib/analytics/scope";
import { db } from "@/lib/db";
import { errorResponse, json } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/dashboard?shops=a,b&range=7d | &from=YYYY-MM-DD&to=YYYY-MM-DD — the manager dashboard's
 * figures for the shops the user manages (admins: any), in each shop's local dates.
 */
export async function GET(request: Request) {
  try {
    const query = dashboardQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { selected } = await dashboardScope(db(), await getSessionUser(), query.shops);
    return json(await getDashboard(db(), selected, periodOf(query)));
  } catch (error) {
    return errorResponse(error);
  }
}
