"use server";

import { headers } from "next/headers";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { RateLimited } from "@/lib/errors";
import { changePasswordWithLimits, signUpWithLimits } from "@/lib/auth/attempts";
import { confirmEmail, sendEmailConfirmation } from "@/lib/auth/email-confirmation";
import { requireUser } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { signOutEverywhere } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { childLogger } from "@/lib/log";
import { mailer } from "@/lib/mail/mailer";
import { setMailSetting, type MailSetting } from "@/lib/mail/preferences";
import { turnReceiptsOff } from "@/lib/mail/receipts-off";
import { clientIp } from "@/lib/security/client-ip";
import { rateLimiter } from "@/lib/security/limiter";
import { tooManyAttemptsMessage } from "@/lib/security/rate-limit";
import { acceptInvite } from "@/lib/shops/invites";

const deps = () => ({ db: db(), limiter: rateLimiter(), log: childLogger("auth") });
const mailDeps = () => ({ db: db(), mailer: mailer(), appUrl: env().APP_URL });

/** Confirmation mails one account may ask for per hour (each one is a mail to someone's inbox). */
const CONFIRMATIONS_PER_HOUR = { name: "confirm-email", limit: 3, windowMs: 3_600_000 };

/** Creates a customer account and mails the link that confirms its address; the form then signs in. */
export async function signUpAction(input: { name: string; email: string; password: string }): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const user = await signUpWithLimits(deps(), input, clientIp(await headers()));
    // The account exists either way; a mail that did not go out can be asked for again.
    await sendEmailConfirmation(mailDeps(), user).catch((error: unknown) => childLogger("auth").warn({ err: String(error) }, "confirmation mail not sent at sign-up"));
    return { email: user.email };
  });
}

/** Mails a new confirmation link to the signed-in account's address. */
export async function resendConfirmationAction(): Promise<ActionResult<{ sentTo: string }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    const state = await rateLimiter().consume(CONFIRMATIONS_PER_HOUR, user.id);
    if (!state.allowed) throw new RateLimited(tooManyAttemptsMessage(state.retryAfterMs), state.retryAfterMs);
    await sendEmailConfirmation(mailDeps(), user);
    return { sentTo: user.email };
  });
}

/** Spends a confirmation link (a button on its page: mail scanners that open links confirm nothing). */
export async function confirmEmailAction(token: string): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => ({ email: await confirmEmail(db(), token) }));
}

/** The receipt's "stop receipt emails" link, spent by its button (no sign-in: the link is the proof). */
export async function stopReceiptsAction(token: string): Promise<ActionResult<{ email: string }>> {
  return runAction(() => turnReceiptsOff(db(), token, env().NEXTAUTH_SECRET));
}

/** Accepts a staff invitation for the signed-in account that holds the invited address. */
export async function acceptInviteAction(token: string): Promise<ActionResult<{ home: string; shopSlug: string }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    const { home, shopSlug } = await acceptInvite(db(), token, user);
    return { home, shopSlug };
  });
}

/** Turns receipts or (staff) the notifier's mails on or off for the signed-in account. */
export async function setMailSettingAction(setting: MailSetting, on: boolean): Promise<ActionResult<{ on: boolean }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    return { on: await setMailSetting(db(), user.id, setting, on) };
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
