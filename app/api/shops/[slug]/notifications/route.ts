import { listNotifications } from "@/lib/agents/notifier/notifications";
import { db } from "@/lib/db";
import { errorResponse, json } from "@/lib/http/responses";
import { requireShopAccess } from "@/lib/shops/access";

export const dynamic = "force-dynamic";

/** GET /api/shops/:slug/notifications — the signed-in staff member's latest notifications at this shop and how many are unread (the queue screen's bell polls it). */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop, user } = await requireShopAccess((await params).slug, "queue:work");
    const items = await listNotifications(db(), user.id, shop.id, 20);
    const unread = await db().notification.count({ where: { userId: user.id, shopId: shop.id, readAt: null } });
    return json({
      unread,
      items: items.map((n) => ({ id: n.id, severity: n.severity, message: n.message, createdAt: n.createdAt.toISOString(), read: n.readAt !== null })),
    });
  } catch (error) {
    return errorResponse(error);
  }
}
