-- CreateEnum
CREATE TYPE "TastingStatus" AS ENUM ('OPEN', 'PASSED', 'FAILED');

-- CreateTable
CREATE TABLE "tastings" (
    "id" UUID NOT NULL,
    "shop_id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "drink" JSONB NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "schedule_note" TEXT NOT NULL,
    "status" "TastingStatus" NOT NULL DEFAULT 'OPEN',
    "closed_by" UUID,
    "closed_at" TIMESTAMPTZ(3),
    "menu_proposal_id" UUID,
    "run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tastings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tasting_scores" (
    "tasting_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "score" INTEGER NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tasting_scores_pkey" PRIMARY KEY ("tasting_id","user_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tastings_proposal_id_key" ON "tastings"("proposal_id");

-- CreateIndex
CREATE INDEX "tastings_shop_id_status_idx" ON "tastings"("shop_id", "status");

-- AddForeignKey
ALTER TABLE "tasting_scores" ADD CONSTRAINT "tasting_scores_tasting_id_fkey" FOREIGN KEY ("tasting_id") REFERENCES "tastings"("id") ON DELETE CASCADE ON UPDATE CASCADE;
