import { getSessionUser } from "@/lib/auth/session";
import { STAFF_RECHECK_MS } from "@/lib/shops/access";
import { loadSessionUser } from "@/lib/auth/users";
import { analyticsChanges } from "@/lib/analytics/live";
import { dashboardScope } from "@/lib/analytics/scope";
import { db } from "@/lib/db";
import { errorResponse } from "@/lib/http/responses";
import { liveStream } from "@/lib/http/live-stream";

export const dynamic = "force-dynamic";

/** Rollup changes of a shop announced at most this often per stream (bursts become one re-read). */
const MIN_INTERVAL_MS = 400;

/**
 * GET /api/dashboard/events?shops=a,b — a `changed` event whenever the analytics worker has
 * updated the figures of one of these shops; the page then re-reads /api/dashboard. The stream
 * carries no figures, so it never has to be replayed: a reconnect starts with `changed`. Access is
 * decided on the user as the database has them now and asked again every minute.
 */
export async function GET(request: Request) {
  try {
    const shops = new URL(request.url).searchParams.get("shops") ?? undefined;
    const session = await getSessionUser();
    const fresh = session ? await loadSessionUser(db(), session.id) : null;
    const { selected } = await dashboardScope(db(), fresh, shops);
    const shopIds = new Set(selected.map((s) => s.id));
    const stillAllowed = async () => dashboardScope(db(), await loadSessionUser(db(), fresh!.id), shops).then(() => true, () => false);
    return liveStream(request, async (send) => {
      let timer: NodeJS.Timeout | undefined;
      let last = 0;
      const announce = () => {
        timer = undefined;
        last = Date.now();
        send({ event: "changed", data: {} });
      };
      const unsubscribe = await analyticsChanges().subscribe({
        shopIds,
        onChange: () => {
          if (timer) return;
          timer = setTimeout(announce, Math.max(0, last + MIN_INTERVAL_MS - Date.now()));
        },
      });
      announce(); // whatever changed before the stream opened
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    }, { stillAllowed, recheckEveryMs: STAFF_RECHECK_MS });
  } catch (error) {
    return errorResponse(error);
  }
}
