import { db, liveDb } from "@/lib/db";
import { json } from "@/lib/http/responses";
import { lastEventIdOf, sseResponse } from "@/lib/http/sse";
import { getOrderView, type OrderView } from "@/lib/orders/view";
import { coalesced } from "@/lib/realtime/coalesce";
import { orderChanges } from "@/lib/realtime/order-changes";

export const dynamic = "force-dynamic";

/**
 * GET /api/orders/:id/events — server-sent events: `order` with the OrderView, id = its version,
 * now and on every change. A reconnect with Last-Event-ID gets the current state only if it is
 * newer than what the client has.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const feed = orderChanges();
  await feed.ready();
  const first = await getOrderView(db(), id);
  if (!first) return json({ error: { code: "not_found", message: "There is no such order." } }, 404);
  const lastEventId = lastEventIdOf(request);

  return sseResponse(request.signal, async (send) => {
    let sent = lastEventId ?? -1;
    const push = (view: OrderView | null) => {
      if (view && view.version > sent) {
        sent = view.version;
        send({ event: "order", id: view.version, data: view });
      }
    };
    // One read at a time, and a burst of changes costs one follow-up read: events leave in version order.
    const refresh = coalesced(() => getOrderView(liveDb(), id).then(push));
    push(first);
    const unsubscribe = feed.subscribe({ orderId: id, onChange: (change) => change.version > sent && refresh(), onResync: refresh });
    // A change that committed between the first read and the subscription is picked up here.
    refresh();
    return unsubscribe;
  });
}
