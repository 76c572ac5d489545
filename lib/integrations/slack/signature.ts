import { createHmac, timingSafeEqual } from "node:crypto";

/** Requests older (or newer) than this are refused: a captured request cannot be replayed later. */
export const MAX_SKEW_SECONDS = 5 * 60;

/**
 * Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack):
 * `X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")>` with
 * `X-Slack-Request-Timestamp`. Compared in constant time, over the raw body as received.
 */
export function verifySlackSignature(opts: { secret: string; timestamp: string | null; signature: string | null; body: string; nowSeconds?: number }): { ok: true } | { ok: false; reason: string } {
  const { timestamp, signature } = opts;
  if (!timestamp || !signature) return { ok: false, reason: "missing Slack signature headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "bad Slack timestamp" };
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_SECONDS) return { ok: false, reason: "Slack timestamp too old or in the future" };
  const expected = Buffer.from(signSlackRequest(opts.secret, timestamp, opts.body));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "Slack signature does not match" };
  return { ok: true };
}

export function signSlackRequest(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}
