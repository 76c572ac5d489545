import type { Env } from "@/lib/env";
import { ConfigError } from "@/lib/env/schema";
import { DomainError } from "@/lib/errors";
import { keyRingFrom, type KeyRing } from "./crypto";
import { clickUpAdapter, type ClickUpAdapter } from "./clickup/adapter";
import { emailAdapter, type EmailAdapter } from "./email/adapter";
import { mastodonAdapter, type MastodonAdapter } from "./mastodon/adapter";
import { airtableAdapter, type AirtableAdapter } from "./airtable/adapter";
import { sheetsAdapter, type SheetsAdapter } from "./sheets/adapter";
import { slackAdapter, type SlackClient } from "./slack/adapter";
import { xAdapter, type XAdapter } from "./x/adapter";

export type IntegrationSettings = { ring: KeyRing; slack: SlackClient; email: EmailAdapter; clickup: ClickUpAdapter; mastodon: MastodonAdapter; sheets: SheetsAdapter; airtable: AirtableAdapter; x: XAdapter };

/** The key ring and adapters from configuration: the one place the app and the worker build them. */
export function integrationSettings(env: Env): IntegrationSettings {
  return { ring: keyRingFrom({ nodeEnv: env.NODE_ENV, configured: env.INTEGRATIONS_KEYS }), slack: slackAdapter(env.SLACK_API_URL), email: emailAdapter(env.SMTP_URL, env.MAIL_FROM), clickup: clickUpAdapter(env.CLICKUP_API_URL), mastodon: mastodonAdapter(), sheets: sheetsAdapter(env.GOOGLE_SHEETS_API_URL, env.GOOGLE_OAUTH_TOKEN_URL), airtable: airtableAdapter(env.AIRTABLE_API_URL), x: xAdapter() };
}

/** For screens: unusable keys (production without INTEGRATIONS_KEYS) become a sentence for the admin, not a crash. */
export function integrationSettingsOrRefuse(env: Env): IntegrationSettings {
  try {
    return integrationSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new DomainError("unavailable", `Integrations are off on this server: ${error.message.replace(/^Invalid configuration: /, "")}`);
    throw error;
  }
}
