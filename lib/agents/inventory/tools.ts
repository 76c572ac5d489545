import { tool } from "ai";
import { z } from "zod";
import type { Prisma } from "@/lib/db";
import type { IngredientState } from "./cover";
import { weekdayUsage } from "./state";

/**
 * The tools the inventory agent's model may call while sizing a purchase order: read-only, this
 * shop only, and only the ingredients it was asked about (anything else gets an error result, not
 * data). Executed inside the assessment's transaction, so it reads what the rules read.
 */
export function inventoryTools(tx: Prisma.TransactionClient, shopId: string, candidates: readonly IngredientState[], now: Date) {
  const bySlug = new Map(candidates.map((c) => [c.slug, c]));
  return {
    usage_by_weekday: tool({
      description: "How much of one listed ingredient this shop used on each weekday over the last 14 days (net of cancellations), in the ingredient's unit.",
      inputSchema: z.object({ ingredient: z.string().max(80).describe('the ingredient\'s slug as listed, e.g. "oat-milk"') }),
      execute: async ({ ingredient }) => {
        const c = bySlug.get(ingredient);
        if (!c) return { error: `"${ingredient.slice(0, 80)}" is not one of the listed ingredients` };
        return { ingredient: c.slug, unit: c.unit, days: 14, usedByWeekday: await weekdayUsage(tx, shopId, c.ingredientId, now) };
      },
    }),
  };
}
