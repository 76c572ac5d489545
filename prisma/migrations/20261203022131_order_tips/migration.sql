-- AlterTable
ALTER TABLE "analytics_hourly" ADD COLUMN     "tips_cents" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "tip_cents" INTEGER NOT NULL DEFAULT 0;
