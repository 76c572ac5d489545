-- AlterTable
ALTER TABLE "agent_runs" ADD COLUMN     "cost_micro_usd" BIGINT,
ADD COLUMN     "tool_calls" JSONB;
