import type { Env } from "@/lib/env";
import { keyRingFrom, type KeyRing } from "./crypto";
import { slackAdapter } from "./slack/adapter";
import type { SlackAdapter } from "./store";

/** The key ring and adapters from configuration: the one place the app and the worker build them. */
export function integrationSettings(env: Env): { ring: KeyRing; slack: SlackAdapter } {
  return { ring: keyRingFrom({ nodeEnv: env.NODE_ENV, configured: env.INTEGRATIONS_KEYS }), slack: slackAdapter(env.SLACK_API_URL) };
}
