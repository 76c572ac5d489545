-- Slack users linked to accounts, so a manager whose Slack email differs from their Go Coffee one
-- can decide proposals from Slack (lib/integrations/slack/links.ts), and the one-time links that do it.
CREATE TABLE "slack_user_links" (
    "integration_id" UUID NOT NULL,
    "slack_user_id" TEXT NOT NULL,
    "slack_name" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "linked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "slack_user_links_pkey" PRIMARY KEY ("integration_id","slack_user_id")
);

CREATE TABLE "slack_link_requests" (
    "integration_id" UUID NOT NULL,
    "slack_user_id" TEXT NOT NULL,
    "slack_name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "slack_link_requests_pkey" PRIMARY KEY ("integration_id","slack_user_id")
);

CREATE INDEX "slack_user_links_user_id_idx" ON "slack_user_links"("user_id");
CREATE UNIQUE INDEX "slack_link_requests_token_hash_key" ON "slack_link_requests"("token_hash");

ALTER TABLE "slack_user_links" ADD CONSTRAINT "slack_user_links_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "slack_user_links" ADD CONSTRAINT "slack_user_links_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "slack_link_requests" ADD CONSTRAINT "slack_link_requests_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
