import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse, json } from "@/lib/http/responses";
import { integrationSettingsOrRefuse } from "@/lib/integrations/setup";
import { handleSlackInteraction } from "@/lib/integrations/slack/interactivity";

/**
 * POST /api/integrations/slack/interactivity — Slack's Interactivity Request URL. Only requests
 * signed with SLACK_SIGNING_SECRET get through (401 otherwise); without a secret configured the
 * door does not exist (404). Handles "Acknowledge" and a proposal's Approve / Reject
 * (lib/integrations/slack/interactivity.ts says who may decide).
 */
export async function POST(request: Request): Promise<Response> {
  const secret = env().SLACK_SIGNING_SECRET;
  if (!secret) return json({ error: { code: "not_found", message: "Slack interactivity is not configured." } }, 404);
  try {
    const body = await request.text();
    // The key ring and Slack client only when a proposal's button asks for them (the production key check may refuse).
    const deps = () => ({ ...integrationSettingsOrRefuse(env()), appUrl: env().APP_URL });
    const result = await handleSlackInteraction(db(), { secret, body, timestamp: request.headers.get("x-slack-request-timestamp"), signature: request.headers.get("x-slack-signature"), deps });
    return json(result);
  } catch (error) {
    return errorResponse(error);
  }
}
