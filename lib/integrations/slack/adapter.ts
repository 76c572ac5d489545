import { LogLevel, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError, WebClient } from "@slack/web-api";
import type { Adapter, Failure } from "../adapter";
import type { SlackMessage } from "./messages";

export type SlackConfig = { channel: string; team?: string };

/** Slack answers these when the token or the channel is the problem: an admin must act. */
const CREDENTIAL_ERRORS: Record<string, string> = {
  invalid_auth: "Slack did not accept the bot token (invalid_auth). Copy the Bot User OAuth Token (xoxb-…) from your Slack app and connect again.",
  not_authed: "Slack received no token (not_authed). Connect again with the bot token.",
  token_revoked: "The bot token was revoked in Slack (token_revoked). Reinstall the app and connect again with the new token.",
  token_expired: "The bot token has expired (token_expired). Connect again with a fresh token.",
  account_inactive: "The Slack account behind the token is deactivated (account_inactive).",
  missing_scope: "The Slack app lacks a scope it needs (missing_scope): chat:write (and users:read, users:read.email for approvals). Add them, reinstall the app, and connect again.",
  channel_not_found: "Slack cannot find the channel (channel_not_found). Check its name, or invite the app to a private channel.",
  not_in_channel: "The app is not in the channel (not_in_channel). Invite it with /invite @your-app.",
  is_archived: "The channel is archived (is_archived). Choose another channel.",
};

/**
 * The Slack adapter over the official client. The client's own retries are off and rate limits
 * are thrown, not waited out: the engine owns retrying, so a slow Slack never holds a worker for
 * minutes inside the client.
 */
/**
 * What the interactivity endpoint asks of Slack besides posting (lib/integrations/slack/interactivity.ts):
 * who pressed a button (users.info; the email needs the users:read.email scope), the message
 * updated in place (chat.update), and a reply only the presser sees (chat.postEphemeral).
 */
export type SlackInteractions = {
  /** The Slack user's email, or null when Slack gives none (no users:read.email scope, a bot, no such user). */
  userEmail(token: string, userId: string): Promise<string | null>;
  update(token: string, channel: string, ts: string, message: SlackMessage): Promise<void>;
  ephemeral(token: string, channel: string, user: string, text: string): Promise<void>;
};

export type SlackClient = Adapter<SlackConfig, SlackMessage> & SlackInteractions;

export function slackAdapter(apiUrl: string, opts: { timeoutMs?: number } = {}): SlackClient {
  const client = (token: string) => new WebClient(token, { slackApiUrl: apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: opts.timeoutMs ?? 10_000, logLevel: LogLevel.ERROR });
  const classify = (error: unknown): Failure => {
    if (error instanceof WebAPIRateLimitedError) return { kind: "transient", reason: `Slack is rate limiting (429, retry after ${error.retryAfter} s)`, retryAfterMs: error.retryAfter * 1000 };
    if (error instanceof WebAPIPlatformError) {
      const code = error.data.error;
      const sentence = CREDENTIAL_ERRORS[code];
      if (sentence) return { kind: "credential", reason: sentence };
      if (code === "internal_error" || code === "fatal_error" || code === "service_unavailable" || code === "request_timeout") return { kind: "transient", reason: `Slack failed (${code})` };
      return { kind: "permanent", reason: `Slack refused the message (${code})` };
    }
    if (error instanceof WebAPIHTTPError) {
      const status = error.statusCode;
      return status >= 500 || status === 408 ? { kind: "transient", reason: `Slack answered HTTP ${status}` } : { kind: "permanent", reason: `Slack answered HTTP ${status}` };
    }
    if (error instanceof WebAPIRequestError) return { kind: "transient", reason: `Slack could not be reached (${error.original.message})` };
    return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
  };
  return {
    async verify(token) {
      if (!/^xox[bp]-/.test(token)) return { ok: false, reason: "That is not a Slack bot token: it starts with xoxb-." };
      try {
        const r = await client(token).auth.test();
        return { ok: true, label: `${r.team ?? "Slack"} as ${r.user ?? "bot"}` };
      } catch (error) {
        return { ok: false, reason: classify(error).reason };
      }
    },
    async send(token, config, message) {
      // A message that replaces one posted earlier (a proposal decided elsewhere, an alert raised again): chat.update needs the channel's id.
      const target = message.update ?? (message.updateAfter ? parseSlackRef(message.afterRef ?? null) : null);
      if (target) {
        await client(token).chat.update({ channel: target.channel, ts: target.ts, text: message.text, blocks: message.blocks });
        return slackRef(target.channel, target.ts);
      }
      // The post it would replace left no reference (posted before references were kept): nothing to update.
      if (message.updateAfter) return "";
      const r = await client(token).chat.postMessage({ channel: config.channel, text: message.text, blocks: message.blocks, unfurl_links: false });
      return r.channel && r.ts ? slackRef(r.channel, r.ts) : (r.ts ?? "");
    },
    classify,
    async userEmail(token, userId) {
      try {
        const r = await client(token).users.info({ user: userId });
        return r.user?.is_bot || r.user?.deleted ? null : (r.user?.profile?.email ?? null);
      } catch (error) {
        if (error instanceof WebAPIPlatformError && (error.data.error === "user_not_found" || error.data.error === "missing_scope")) return null;
        throw error;
      }
    },
    async update(token, channel, ts, message) {
      await client(token).chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    async ephemeral(token, channel, user, text) {
      await client(token).chat.postEphemeral({ channel, user, text });
    },
  };
}

/** A posted message's reference as the delivery log keeps it: `<channel id>:<ts>` (what chat.update needs). */
export function slackRef(channel: string, ts: string): string {
  return `${channel}:${ts}`;
}

export function parseSlackRef(ref: string | null): { channel: string; ts: string } | null {
  const m = ref ? /^([A-Z0-9]+):(\d+\.\d+)$/.exec(ref) : null;
  return m ? { channel: m[1]!, ts: m[2]! } : null;
}
