import { cookies } from "next/headers";
import { authorize } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/responses";
import { integrationSettingsOrRefuse } from "@/lib/integrations/setup";
import { X_AUTHORIZATION_COOKIE, X_CALLBACK_PATH } from "@/lib/integrations/x/oauth";
import { finishXAuthorization } from "@/lib/integrations/x/store";


/**
 * GET /api/integrations/x/callback?state=…&code=… (or &error=access_denied) — where X's consent
 * page sends the admin back (the Callback URI registered in the X app). Only the admin who started
 * it, from the same browser (the sealed cookie startXAuthorizationAction set), within 10 minutes and
 * with the state it was given: anyone else gets 401/403, or is sent back to Integrations with why,
 * and nothing is stored. The cookie is spent either way.
 */
export async function GET(request: Request): Promise<Response> {
  try {
    const user = authorize(await getSessionUser(), "integrations:manage");
    const jar = await cookies();
    const sealed = jar.get(X_AUTHORIZATION_COOKIE)?.value;
    jar.set(X_AUTHORIZATION_COOKIE, "", { path: X_CALLBACK_PATH, maxAge: 0 });
    const q = new URL(request.url).searchParams;
    const back = new URL("/admin/integrations", env().APP_URL);
    try {
      const { ring, x } = integrationSettingsOrRefuse(env());
      const actor = { id: user.id, email: user.email, name: user.name };
      const { account } = await finishXAuthorization(db(), ring, x, { sealed, adminId: user.id, state: q.get("state"), code: q.get("code"), error: q.get("error"), redirectUri: new URL(X_CALLBACK_PATH, env().APP_URL).toString() }, actor);
      back.searchParams.set("x_connected", account);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      back.searchParams.set("x_error", error.message);
    }
    return new Response(null, { status: 303, headers: { location: back.toString() } });
  } catch (error) {
    return errorResponse(error);
  }
}
