-- CreateTable
CREATE TABLE "scheduler_forecasts" (
    "shop_id" UUID NOT NULL,
    "made_on" DATE NOT NULL,
    "hour" TIMESTAMP(0) NOT NULL,
    "orders" DOUBLE PRECISION NOT NULL,
    "last_week" INTEGER NOT NULL,
    "espresso_bar" INTEGER NOT NULL,
    "brew" INTEGER NOT NULL,
    "food" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "run_id" UUID,
    "made_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "scheduler_forecasts_pkey" PRIMARY KEY ("shop_id","made_on","hour")
);

-- CreateIndex
CREATE INDEX "scheduler_forecasts_shop_id_hour_idx" ON "scheduler_forecasts"("shop_id", "hour");
