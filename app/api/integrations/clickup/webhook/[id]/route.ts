import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { handleClickUpWebhook } from "@/lib/integrations/clickup/webhook";
import { integrationSettingsOrRefuse } from "@/lib/integrations/setup";
import { childLogger } from "@/lib/log";

const log = childLogger("clickup-webhook");
/** ClickUp's events are small; anything bigger is not one. */
const MAX_BODY = 64 * 1024;

/**
 * POST /api/integrations/clickup/webhook/<connection id> — where a ClickUp connection's webhook
 * delivers the task events lib/integrations/clickup/webhook.ts reads (tasks made there; status, assignees, name, due date). Signed by the webhook's secret (X-Signature) or refused with 401;
 * lib/integrations/clickup/webhook.ts says what a signed event may change and for whom.
 */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await params;
    const body = await request.text();
    if (body.length > MAX_BODY) return json({ error: { code: "invalid", message: "The body is too large for a ClickUp event." } }, 413);
    const { ring, clickup } = integrationSettingsOrRefuse(env());
    const answer = await handleClickUpWebhook(db(), ring, clickup.client, { integrationId: id, body, signature: request.headers.get("x-signature"), appUrl: env().APP_URL }, log);
    return json(answer.body, answer.status);
  } catch (error) {
    return errorResponse(error);
  }
}
