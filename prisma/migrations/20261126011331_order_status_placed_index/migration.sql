-- DropIndex
DROP INDEX "orders_shop_id_status_idx";

-- CreateIndex
CREATE INDEX "orders_shop_id_status_placed_at_idx" ON "orders"("shop_id", "status", "placed_at");
