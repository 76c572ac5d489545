"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { issueLinkCode, unlinkChatOfUser } from "@/lib/integrations/telegram/link";
import { rateLimiter } from "@/lib/security/limiter";

/** A one-time code that links a Telegram chat to the signed-in account (`/link <code>` in the bot). */
export async function telegramLinkCodeAction(): Promise<ActionResult<{ code: string; expiresAt: string }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    const { code, expiresAt } = await issueLinkCode({ db: db(), limiter: rateLimiter() }, user.id);
    return { code, expiresAt: expiresAt.toISOString() };
  });
}

/** Unlinks one of the signed-in account's Telegram chats. */
export async function unlinkTelegramChatAction(chatId: string): Promise<ActionResult<{ unlinked: true }>> {
  return runAction(async () => {
    const user = requireUser(await getSessionUser());
    await unlinkChatOfUser(db(), user.id, String(chatId));
    revalidatePath("/account");
    return { unlinked: true as const };
  });
}
