-- DCA selling: a DCA bot buys WETH for its amount each period ('buy', as every DCA bot so far) or
-- sells WETH worth its amount at the ETH/USD feed into USDC ('sell'). Null for the other strategies.
-- No CHECK constraint: Prisma's Wasm schema engine then replays migrations wrongly (the drift check
-- passes a schema that drifted); bots.ts writes only 'buy' or 'sell'.
ALTER TABLE "trading_bots" ADD COLUMN "dca_side" TEXT;
UPDATE "trading_bots" SET "dca_side" = 'buy' WHERE "strategy" = 'dca';

-- A DCA sale's P&L counts the USDC received against the WETH sold at the feed it was priced with
-- (stored on its intent, so a live sale settled later, or re-mined after a reorg, counts the same).
ALTER TABLE "trade_intents" ADD COLUMN "pnl_at_feed" BOOLEAN NOT NULL DEFAULT false;
