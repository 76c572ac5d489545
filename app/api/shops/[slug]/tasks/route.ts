import { listOwnTasks } from "@/lib/agents/tasks/manage";
import { db } from "@/lib/db";
import { errorResponse, json } from "@/lib/http/responses";
import { requireShopAccess } from "@/lib/shops/access";

export const dynamic = "force-dynamic";

/** GET /api/shops/:slug/tasks — the signed-in staff member's open tasks at this shop, by due date (the queue screen's "Your tasks" polls it); nobody else's. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const { shop, user } = await requireShopAccess((await params).slug, "queue:work");
    return json({ tasks: await listOwnTasks(db(), shop.id, user.id) });
  } catch (error) {
    return errorResponse(error);
  }
}
