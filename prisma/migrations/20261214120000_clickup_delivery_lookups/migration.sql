-- ClickUp's two lookups into the delivery log, which grows with every task change (lib/integrations/clickup):
-- the assignee the last delivery of a task carried (recordTask), and which of our tasks a ClickUp task is (the webhook).
-- Expression and partial indexes: Prisma's schema cannot say them, so they live here only.
CREATE INDEX "integration_deliveries_clickup_task_idx" ON "integration_deliveries" ("integration_id", (message->>'taskId'), "created_at" DESC) WHERE "kind" = 'agent.task';
CREATE INDEX "integration_deliveries_external_ref_idx" ON "integration_deliveries" ("integration_id", "external_ref") WHERE "external_ref" IS NOT NULL;
