"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/result";
import { agentModel } from "@/lib/agents/core/provider";
import { runScheduler } from "@/lib/agents/scheduler/agent";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";
import { requireShopAccess } from "@/lib/shops/access";
import { addSpecialDay, removeSpecialDay, type SpecialDayRow } from "@/lib/shops/special-days";

/**
 * The Staffing plan screen's actions (/manager/:shop/staffing): the shop's calendar of special
 * days, kept by its managers and admins (`staff:manage`, as the screen). A change re-runs the
 * scheduler for the shop at once, so the plan shows it; the inventory agent reads the calendar at
 * its next look (within its 10-minute sweep).
 */

export type CalendarChange = { day: SpecialDayRow; replanned: boolean };

async function calendar(slug: string, change: (shopId: string, actor: { id: string; email: string }) => Promise<SpecialDayRow>): Promise<ActionResult<CalendarChange>> {
  return runAction(async () => {
    const { shop, user } = await requireShopAccess(slug, "staff:manage");
    const day = await change(shop.id, user);
    let replanned = true;
    try {
      await runScheduler(db(), { model: agentModel(env()) }, shop.id);
    } catch (error) {
      // The day is saved; the scheduler's next run (each morning, or the next change) plans with it.
      replanned = false;
      logger().warn({ err: error, shopId: shop.id }, "scheduler re-run after a calendar change failed");
    }
    revalidatePath(`/manager/${slug}/staffing`);
    return { day, replanned };
  });
}

export async function addSpecialDayAction(slug: string, input: unknown): Promise<ActionResult<CalendarChange>> {
  return calendar(slug, (shopId, actor) => addSpecialDay(db(), actor, shopId, input));
}

export async function removeSpecialDayAction(slug: string, input: unknown): Promise<ActionResult<CalendarChange>> {
  return calendar(slug, (shopId, actor) => removeSpecialDay(db(), actor, shopId, input));
}
