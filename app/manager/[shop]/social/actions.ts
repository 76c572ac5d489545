"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { agentModel } from "@/lib/agents/core/provider";
import { draftDailySpecial, draftProductPost } from "@/lib/agents/social/agent";
import { DomainError } from "@/lib/errors";
import { approvePost, publishWaitingPost, rejectPost } from "@/lib/agents/social/manage";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { requireShopAccess } from "@/lib/shops/access";

/** The Social screen's actions (/manager/:shop/social): the shop's managers and admins (`social:manage`). */

async function social<T>(slug: string, run: (ctx: Awaited<ReturnType<typeof requireShopAccess>>) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => {
    const ctx = await requireShopAccess(slug, "social:manage");
    const result = await run(ctx);
    revalidatePath(`/manager/${slug}/social`);
    return result;
  });
}

/** "Draft a post" for one product (no event tells when a product becomes available: the manager asks). */
export async function draftPostAction(slug: string, productId: unknown): Promise<ActionResult<{ proposalId: string | null }>> {
  return social(slug, async ({ shop }) => {
    const r = await draftProductPost(db(), { model: agentModel(env()), appUrl: env().APP_URL }, shop.id, typeof productId === "string" ? productId : "");
    return { proposalId: r.proposalId };
  });
}

/** "Draft today's special" now (the worker does it each morning; once per shop and local day either way). */
export async function draftSpecialAction(slug: string): Promise<ActionResult<{ proposalId: string }>> {
  return social(slug, async ({ shop }) => {
    const r = await draftDailySpecial(db(), { model: agentModel(env()), appUrl: env().APP_URL }, shop.id);
    if (!r.proposalId) throw new DomainError("conflict", r.reason === "no product available" ? "No product is available right now: no special today." : "Today's special is already drafted.");
    return { proposalId: r.proposalId };
  });
}

export async function approvePostAction(slug: string, input: unknown): Promise<ActionResult<null>> {
  return social(slug, async ({ shop, user }) => (await approvePost(db(), user, shop.id, input), null));
}

export async function rejectPostAction(slug: string, input: unknown): Promise<ActionResult<null>> {
  return social(slug, async ({ shop, user }) => (await rejectPost(db(), user, shop.id, input), null));
}

/** An approved post that waited for a Mastodon connection: publish it now that there is one. */
export async function publishPostAction(slug: string, input: unknown): Promise<ActionResult<number>> {
  return social(slug, ({ shop }) => publishWaitingPost(db(), shop.id, input));
}
