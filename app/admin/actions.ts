"use server";

import { runAction, type ActionResult } from "@/lib/actions/result";
import { authorize } from "@/lib/auth/policy";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { createShop } from "@/lib/shops/create-shop";

/** Admins open a new shop; the form then goes on to the new shop's settings. */
export async function createShopAction(input: unknown): Promise<ActionResult<{ slug: string }>> {
  return runAction(async () => {
    const user = authorize(await getSessionUser(), "shop:create");
    const { slug } = await createShop(db(), user, input);
    return { slug };
  });
}
