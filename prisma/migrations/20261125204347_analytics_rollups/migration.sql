-- CreateTable
CREATE TABLE "analytics_order_facts" (
    "order_id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "seen_seq" BIGINT NOT NULL DEFAULT 0,
    "fact" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_order_facts_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "analytics_hourly" (
    "shop_id" UUID NOT NULL,
    "hour" TIMESTAMP(0) NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "cancelled" INTEGER NOT NULL DEFAULT 0,
    "gross_cents" BIGINT NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "refunded_cents" BIGINT NOT NULL DEFAULT 0,
    "items_sold" INTEGER NOT NULL DEFAULT 0,
    "pickup_orders" INTEGER NOT NULL DEFAULT 0,
    "pickup_cents" BIGINT NOT NULL DEFAULT 0,
    "crypto_orders" INTEGER NOT NULL DEFAULT 0,
    "crypto_cents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_hourly_pkey" PRIMARY KEY ("shop_id","hour")
);

-- CreateTable
CREATE TABLE "analytics_product_daily" (
    "shop_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "product_id" UUID NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "revenue_cents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_product_daily_pkey" PRIMARY KEY ("shop_id","day","product_id")
);

-- CreateTable
CREATE TABLE "analytics_timing_daily" (
    "shop_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "metric" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "total_seconds" BIGINT NOT NULL DEFAULT 0,
    "buckets" INTEGER[],

    CONSTRAINT "analytics_timing_daily_pkey" PRIMARY KEY ("shop_id","day","metric")
);

-- CreateTable
CREATE TABLE "analytics_cancel_daily" (
    "shop_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "cents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_cancel_daily_pkey" PRIMARY KEY ("shop_id","day","reason")
);

-- CreateTable
CREATE TABLE "analytics_payment_daily" (
    "shop_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "chain_id" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "payments" INTEGER NOT NULL DEFAULT 0,
    "amount_base_units" DECIMAL(78,0) NOT NULL DEFAULT 0,
    "value_cents" BIGINT NOT NULL DEFAULT 0,
    "refunds" INTEGER NOT NULL DEFAULT 0,
    "refunded_base_units" DECIMAL(78,0) NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_payment_daily_pkey" PRIMARY KEY ("shop_id","day","chain_id","token")
);

-- CreateTable
CREATE TABLE "analytics_payment_facts" (
    "payment_id" TEXT NOT NULL,
    "shop_id" UUID NOT NULL,
    "fact" JSONB,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_payment_facts_pkey" PRIMARY KEY ("payment_id")
);

-- CreateIndex
CREATE INDEX "analytics_order_facts_shop_id_idx" ON "analytics_order_facts"("shop_id");

-- CreateIndex
CREATE INDEX "analytics_hourly_hour_idx" ON "analytics_hourly"("hour");

-- CreateIndex
CREATE INDEX "analytics_product_daily_day_idx" ON "analytics_product_daily"("day");

-- CreateIndex
CREATE INDEX "analytics_timing_daily_day_idx" ON "analytics_timing_daily"("day");

-- CreateIndex
CREATE INDEX "analytics_cancel_daily_day_idx" ON "analytics_cancel_daily"("day");

-- CreateIndex
CREATE INDEX "analytics_payment_daily_day_idx" ON "analytics_payment_daily"("day");
