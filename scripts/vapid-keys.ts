import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import webpush from "web-push";

/**
 * VAPID keys for Web Push (lib/push). A fresh pair for a test run; for the demo, one pair per
 * checkout kept in `file` (browsers' subscriptions are tied to the public key, so a new pair on
 * every `npm run demo` would silently orphan them). Values already in the environment win.
 */
export function vapidEnv(): { VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string } {
  const keys = webpush.generateVAPIDKeys();
  return { VAPID_PUBLIC_KEY: keys.publicKey, VAPID_PRIVATE_KEY: keys.privateKey };
}

export function ensureVapidKeys(file: string): void {
  if (process.env.VAPID_PUBLIC_KEY && process.env.VAPID_PRIVATE_KEY) return;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(vapidEnv()), { mode: 0o600 });
  }
  Object.assign(process.env, JSON.parse(readFileSync(file, "utf8")) as Record<string, string>);
}
