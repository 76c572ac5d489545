/**
 * This browser's side of Web Push, shared by the order page's "Notify me when it's ready" and the
 * Account page's "Notifications on this device": whether the browser can, what it was told, and a
 * subscription to its push service made with the server's VAPID key (public/sw.js shows what arrives).
 */

export type DeviceState = "checking" | "unsupported" | "off" | "working" | "on" | "blocked";

export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/** What the browser says before anyone acts: the permission, and whether this device said yes for `storageKey` before. */
export function browserState(storageKey: string): DeviceState {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(storageKey) ? "on" : "off";
}

/** The browser wants the VAPID public key as bytes; the server gives it base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/**
 * Asks for permission and subscribes this device to its push service with the server's key
 * (reusing a subscription made with the same key). Answers the subscription, or the permission
 * the person gave instead ("denied", "default").
 */
export async function subscribeThisDevice(vapidPublicKey: string): Promise<PushSubscription | "denied" | "default"> {
  const permission = await Notification.requestPermission();
  if (permission !== "granted") return permission;
  const registration = await navigator.serviceWorker.register("/sw.js");
  await navigator.serviceWorker.ready;
  const applicationServerKey = keyBytes(vapidPublicKey);
  let subscription = await registration.pushManager.getSubscription();
  // A subscription made for another server key (keys rotated) cannot be reused.
  if (subscription && subscription.options.applicationServerKey && new Uint8Array(subscription.options.applicationServerKey).join() !== applicationServerKey.join()) {
    await subscription.unsubscribe();
    subscription = null;
  }
  return subscription ?? (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey }));
}

/** The server's sentence from an error answer, or a general one. */
export async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? "Notifications could not be turned on. Please try again.";
}

/** Where the Account page keeps this device's endpoint once it follows the account (signing out here turns it off). */
export const ACCOUNT_DEVICE_KEY = "go-coffee.push.account";

/** Signing out on this device: it stops being told about the account's orders (best effort; "sign out everywhere" clears them all). */
export async function forgetAccountDevice(): Promise<void> {
  const endpoint = localStorage.getItem(ACCOUNT_DEVICE_KEY);
  if (!endpoint) return;
  const res = await fetch("/api/account/push", { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ endpoint }) }).catch(() => null);
  if (res?.ok || res?.status === 404) localStorage.removeItem(ACCOUNT_DEVICE_KEY);
}
