"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { requireUser } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { acceptSlackLink, unlinkSlackUser } from "@/lib/integrations/slack/links";

/** Who the audit names: wallet-only accounts have no address, and link nothing (the page says so too). */
function withEmail(user: { id: string; email: string | null }): { id: string; email: string } {
  if (!user.email) throw new DomainError("invalid", "Link a Slack user from an account with an email address.");
  return { id: user.id, email: user.email };
}

/** Links the Slack user of a one-time link from Slack to the signed-in account (lib/integrations/slack/links.ts). */
export async function acceptSlackLinkAction(token: string): Promise<ActionResult<{ slackName: string; connection: string }>> {
  return runAction(async () => {
    const user = withEmail(requireUser(await getSessionUser()));
    // No revalidatePath: it would re-render this page with the spent link ("no longer valid") under
    // the button's "Linked" answer; the account page is rendered per request anyway.
    return acceptSlackLink(db(), String(token), user);
  });
}

/** Unlinks one of the signed-in account's Slack users. */
export async function unlinkSlackUserAction(integrationId: string, slackUserId: string): Promise<ActionResult<{ unlinked: true }>> {
  return runAction(async () => {
    const user = withEmail(requireUser(await getSessionUser()));
    await unlinkSlackUser(db(), user, String(integrationId), String(slackUserId));
    revalidatePath("/account");
    return { unlinked: true as const };
  });
}
