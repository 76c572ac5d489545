import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { json, readJson, requestErrorResponse } from "@/lib/http/responses";
import { followAccount, unfollowAccount } from "@/lib/push/account-devices";
import { pushSettings } from "@/lib/push/settings";

async function signedIn() {
  const user = await getSessionUser();
  if (!user) throw new DomainError("unauthenticated", "Sign in to turn notifications on for your account.");
  return user;
}

/**
 * POST /api/account/push with the browser's PushSubscription as JSON — this device is told about
 * every order of the signed-in account (lib/push/account-devices.ts): a session only, a known push
 * service only, 10 devices at most.
 */
export async function POST(request: Request) {
  try {
    const { extraOrigins } = pushSettings();
    const user = await signedIn();
    return json(await followAccount(db(), user.id, await readJson(request), extraOrigins), 201);
  } catch (error) {
    return requestErrorResponse(error);
  }
}

/** DELETE /api/account/push with `{ "endpoint": … }` — this device stops being told (also sent when its owner signs out on it). */
export async function DELETE(request: Request) {
  try {
    pushSettings();
    const user = await signedIn();
    const body = (await readJson(request)) as { endpoint?: unknown } | null;
    return json(await unfollowAccount(db(), user.id, body?.endpoint));
  } catch (error) {
    return requestErrorResponse(error);
  }
}
