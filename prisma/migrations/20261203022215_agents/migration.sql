-- CreateEnum
CREATE TYPE "AgentOutcome" AS ENUM ('OK', 'FAILED', 'FALLBACK');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PENDING', 'APPROVED', 'REJECTED', 'EXPIRED');

-- CreateTable
CREATE TABLE "shop_suppliers" (
    "shop_id" UUID NOT NULL,
    "ingredient_id" UUID NOT NULL,
    "supplier_name" TEXT NOT NULL,
    "lead_time_days" INTEGER NOT NULL,
    "pack_size" INTEGER NOT NULL,
    "order_days" INTEGER NOT NULL DEFAULT 7,

    CONSTRAINT "shop_suppliers_pkey" PRIMARY KEY ("shop_id","ingredient_id")
);

-- CreateTable
CREATE TABLE "agent_runs" (
    "id" UUID NOT NULL,
    "agent" TEXT NOT NULL,
    "shop_id" UUID,
    "trigger_event_id" UUID,
    "inputs_summary" TEXT NOT NULL,
    "prompt_version" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "model" TEXT,
    "output" JSONB NOT NULL,
    "latency_ms" INTEGER NOT NULL,
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "outcome" "AgentOutcome" NOT NULL,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_proposals" (
    "id" UUID NOT NULL,
    "agent" TEXT NOT NULL,
    "shop_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PENDING',
    "run_id" UUID,
    "decided_by" UUID,
    "decided_at" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_alerts" (
    "id" UUID NOT NULL,
    "agent" TEXT NOT NULL,
    "shop_id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "run_id" UUID,
    "resolved_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_alerts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_runs_shop_id_created_at_idx" ON "agent_runs"("shop_id", "created_at");

-- CreateIndex
CREATE INDEX "agent_runs_agent_created_at_idx" ON "agent_runs"("agent", "created_at");

-- CreateIndex
CREATE INDEX "agent_proposals_shop_id_status_created_at_idx" ON "agent_proposals"("shop_id", "status", "created_at");

-- CreateIndex
CREATE INDEX "agent_alerts_shop_id_created_at_idx" ON "agent_alerts"("shop_id", "created_at");
