-- CreateTable
CREATE TABLE "telegram_orders" (
    "order_id" UUID NOT NULL,
    "chat_id" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "telegram_orders_pkey" PRIMARY KEY ("order_id")
);

-- CreateIndex
CREATE INDEX "telegram_orders_chat_id_idx" ON "telegram_orders"("chat_id");
