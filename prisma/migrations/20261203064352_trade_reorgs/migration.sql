-- AlterTable
ALTER TABLE "trading_trades" ADD COLUMN     "block_hash" TEXT,
ADD COLUMN     "undone_at" TIMESTAMPTZ(3);
