import { DomainError } from "@/lib/errors";
import { getSessionUser, requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { trackingPath } from "@/lib/orders/links";
import { viewOrder, type OrderView } from "@/lib/orders/view";

/**
 * The order a page shows, for whoever may see it (lib/orders/access.ts): null for anyone else, as
 * for an unknown id. An account's order opened signed out sends them to sign in and back.
 */
export async function orderForPage(id: string, token: string | string[] | undefined): Promise<OrderView | null> {
  const trackingToken = typeof token === "string" ? token : null;
  try {
    return await viewOrder(db(), id, { user: await getSessionUser(), token: trackingToken });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === "unauthenticated") await requireSignedIn(trackingPath({ id, trackingToken }));
    return null;
  }
}
