import { z } from "zod";
import type { Db } from "@/lib/db";
import { DomainError, invalid } from "@/lib/errors";
import { ARBITRAGE, DCA, REBALANCE, STABLE_MIX } from "./strategies";

/** Bots as the admin screen manages them: create (paper or live), start, stop. */

const name = z.string().trim().min(2, "Give the bot a name of 2-40 letters").max(40, "Give the bot a name of 2-40 letters").regex(/^[a-z0-9-]+$/, "Use lower-case letters, digits and dashes");
const mode = z.enum(["PAPER", "LIVE"], "Paper or live").default("PAPER");
const dollars = (what: string) => z.coerce.number(`${what}: whole dollars`).int(`${what}: whole dollars`).min(10, `${what}: at least $10`).max(1_000_000, `${what}: at most $1,000,000`);

const everyMinutes = z.coerce.number("Every: whole minutes").int("Every: whole minutes").min(1, "Every: at least 1 minute").max(10_080, "Every: at most a week (10,080 minutes)");
const dcaSide = z.enum(["buy", "sell"], "Direction: buy or sell WETH").default("buy");
const percent = (what: string, min: number, max: number) => z.coerce.number(`${what}: whole percent`).int(`${what}: whole percent`).min(min, `${what}: at least ${min} %`).max(max, `${what}: at most ${max} %`);

/**
 * An arbitrage bot trades up to its maximum; a DCA bot buys WETH for a fixed USD amount every N
 * minutes, or sells WETH worth that amount (at the ETH/USD feed) into USDC; a rebalancing bot keeps the treasury's USDC share at a target ± a band, checked every N
 * minutes, at most its max trade at a time; a stablecoin-mix bot keeps the treasury's USDC, USDT and DAI
 * at target shares (adding up to 100 %) ± a band, the same way.
 */
export const botInput = z.discriminatedUnion(
  "strategy",
  [
    z.object({ strategy: z.literal(ARBITRAGE), name, mode, maxTradeUsd: dollars("Max trade") }),
    z.object({ strategy: z.literal(DCA), name, mode, dcaSide, dcaAmountUsd: dollars("Each swap"), everyMinutes }),
    z.object({ strategy: z.literal(REBALANCE), name, mode, targetUsdcPercent: percent("Target USDC share", 0, 100), bandPercent: percent("Band", 1, 50), everyMinutes, maxTradeUsd: dollars("Max trade") }),
    z
      .object({ strategy: z.literal(STABLE_MIX), name, mode, usdcPercent: percent("USDC share", 0, 100), usdtPercent: percent("USDT share", 0, 100), daiPercent: percent("DAI share", 0, 100), bandPercent: percent("Band", 1, 50), everyMinutes, maxTradeUsd: dollars("Max trade") })
      .refine((b) => b.usdcPercent + b.usdtPercent + b.daiPercent === 100, { message: "The USDC, USDT and DAI shares must add up to 100 %", path: ["daiPercent"] }),
  ],
  "Choose a strategy",
);

const botId = z.uuid("No such bot");

export async function createBot(db: Db, input: unknown) {
  const parsed = botInput.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error);
  const bot = parsed.data;
  const taken = await db.tradingBot.findUnique({ where: { name: bot.name }, select: { id: true } });
  if (taken) throw new DomainError("conflict", `A bot named ${bot.name} already exists`);
  const common = { name: bot.name, strategy: bot.strategy, mode: bot.mode, status: "STOPPED" as const };
  return db.tradingBot.create({ data: { ...common, ...settingsOf(bot) } });
}

function settingsOf(bot: z.infer<typeof botInput>) {
  switch (bot.strategy) {
    case DCA:
      return { maxTradeUsdCents: bot.dcaAmountUsd * 100, dcaAmountUsdCents: bot.dcaAmountUsd * 100, dcaSide: bot.dcaSide, everySeconds: bot.everyMinutes * 60 };
    case REBALANCE:
      return { maxTradeUsdCents: bot.maxTradeUsd * 100, targetUsdcBps: bot.targetUsdcPercent * 100, bandBps: bot.bandPercent * 100, everySeconds: bot.everyMinutes * 60 };
    case STABLE_MIX:
      return { maxTradeUsdCents: bot.maxTradeUsd * 100, stableMix: { USDC: bot.usdcPercent * 100, USDT: bot.usdtPercent * 100, DAI: bot.daiPercent * 100 }, bandBps: bot.bandPercent * 100, everySeconds: bot.everyMinutes * 60 };
    default:
      return { maxTradeUsdCents: bot.maxTradeUsd * 100 };
  }
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
