-- A shop's calendar of special days (public holidays, street markets): closed, or an expected level
-- as a percentage of a normal day. Read by the scheduler and the inventory agent (docs/agents.md).
-- CreateTable
CREATE TABLE "shop_special_days" (
    "id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,
    "closed" BOOLEAN NOT NULL,
    "level_pct" INTEGER,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "shop_special_days_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "shop_special_days_shop_id_date_key" ON "shop_special_days"("shop_id", "date");

-- AddForeignKey
ALTER TABLE "shop_special_days" ADD CONSTRAINT "shop_special_days_shop_id_fkey" FOREIGN KEY ("shop_id") REFERENCES "shops"("id") ON DELETE CASCADE ON UPDATE CASCADE;
