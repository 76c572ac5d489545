import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";

/** Bots as the admin screen manages them: create (paper or live), start, stop. */

const botInput = z.object({
  name: z.string().trim().min(2, "Give the bot a name of 2-40 letters").max(40, "Give the bot a name of 2-40 letters").regex(/^[a-z0-9-]+$/, "Use lower-case letters, digits and dashes"),
  maxTradeUsd: z.coerce.number().int("Whole dollars").min(10, "At least $10").max(1_000_000, "At most $1,000,000"),
  mode: z.enum(["PAPER", "LIVE"], "Paper or live").default("PAPER"),
});
const botId = z.uuid("No such bot");

export async function createBot(db: Db, input: unknown) {
  const parsed = botInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const taken = await db.tradingBot.findUnique({ where: { name: parsed.data.name }, select: { id: true } });
  if (taken) throw new DomainError("conflict", `A bot named ${parsed.data.name} already exists`);
  return db.tradingBot.create({ data: { name: parsed.data.name, strategy: "cross-venue-arbitrage", mode: parsed.data.mode, status: "STOPPED", maxTradeUsdCents: parsed.data.maxTradeUsd * 100 } });
}

export async function setBotRunning(db: Db, id: unknown, running: boolean) {
  const parsed = botId.safeParse(id);
  if (!parsed.success) throw new DomainError("not_found", "No such bot");
  if (running) {
    const control = await db.treasuryControl.findUnique({ where: { id: 1 } });
    if (control?.killSwitch) throw new DomainError("conflict", "The kill switch is on: release it before starting a bot");
  }
  const updated = await db.tradingBot.updateMany({ where: { id: parsed.data }, data: { status: running ? "RUNNING" : "STOPPED" } });
  if (updated.count === 0) throw new DomainError("not_found", "No such bot");
}
