-- AlterEnum
ALTER TYPE "OrderStatus" ADD VALUE 'SCHEDULED';

-- AlterTable
ALTER TABLE "analytics_hourly" ADD COLUMN     "scheduled_on_time" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "scheduled_ready" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "fire_at" TIMESTAMPTZ(3),
ADD COLUMN     "pickup_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "orders_shop_id_pickup_at_idx" ON "orders"("shop_id", "pickup_at");

-- CreateIndex
CREATE INDEX "orders_status_fire_at_idx" ON "orders"("status", "fire_at");
