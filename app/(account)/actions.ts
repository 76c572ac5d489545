"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { changePasswordWithLimits, signUpWithLimits } from "@/lib/auth/attempts";
import { requireUser } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { childLogger } from "@/lib/log";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";

const deps = () => ({ db: db(), limiter: rateLimiter(), log: childLogger("auth") });

/** Creates a customer account; the form then signs in with the same credentials. */
export async function signUpAction(input: { name: string; email: string; password: string }): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const user = await signUpWithLimits(deps(), input, clientIp(await headers()));
    return { email: user.email };
  });
}

export type ChangePasswordState = ActionResult<{ changed: true }> | null;

export async function changePasswordAction(_previous: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    await changePasswordWithLimits(deps(), user, { currentPassword: form.get("currentPassword"), newPassword: form.get("newPassword") });
    return { changed: true as const };
  });
}

/**
 * "Sign out everywhere": ends every session of this account, this browser's included (the button
 * then signs it out at once; other browsers are signed out at their next session refresh, within
 * SESSION_REFRESH_SECONDS).
 */
export async function signOutEverywhereAction(): Promise<ActionResult<{ signedOut: true }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    await signOutEverywhere(db(), user.id);
    childLogger("auth").info({ userId: user.id }, "signed out everywhere");
    return { signedOut: true as const };
  });
}
