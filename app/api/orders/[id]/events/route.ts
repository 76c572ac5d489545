import { db, liveDb } from "@/lib/db";
import { liveStream } from "@/lib/http/live-stream";
import { orderViewerOf } from "@/lib/http/order-viewer";
import { errorResponse } from "@/lib/http/responses";
import { lastEventIdOf } from "@/lib/http/sse";
import { authorizeOrder } from "@/lib/orders/access";
import { getOrderView, type OrderView } from "@/lib/orders/view";
import { coalesced } from "@/lib/realtime/coalesce";
import { orderChanges } from "@/lib/realtime/order-changes";

export const dynamic = "force-dynamic";

/**
 * GET /api/orders/:id/events?token=… — server-sent events for whoever may see the order (as GET
 * /api/orders/:id): `order` with the OrderView, id = its version, now and on every change. A
 * reconnect with Last-Event-ID gets the current state only if it is newer than what the client has.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    await authorizeOrder(db(), id, await orderViewerOf(request), "view");
    const lastEventId = lastEventIdOf(request);
    return liveStream(request, async (send) => {
      const feed = orderChanges();
      await feed.ready();
      let sent = lastEventId ?? -1;
      const push = (view: OrderView | null) => {
        if (view && view.version > sent) {
          sent = view.version;
          send({ event: "order", id: view.version, data: view });
        }
      };
      // One read at a time, and a burst of changes costs one follow-up read: events leave in version order.
      const refresh = coalesced(() => getOrderView(liveDb(), id).then(push));
      const unsubscribe = feed.subscribe({ orderId: id, onChange: (change) => change.version > sent && refresh(), onResync: refresh });
      // Subscribed first, so a change that commits during this read is picked up by a later one.
      refresh();
      return unsubscribe;
    });
  } catch (error) {
    return errorResponse(error);
  }
}
