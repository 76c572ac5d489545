/**
 * This browser's side of Web Push, shared by the order page's "Notify me when it's ready" and the
 * Account page's "Notifications on this device": whether the browser can, what it was told, and a
 * subscription to its push service made with the server's VAPID key (public/sw.js shows what arrives).
 */

export type DeviceState = "checking" | "unsupported" | "off" | "working" | "on" | "blocked";

export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/**
 * How a switch knows whether this device is on: `isOn` (the browser's permission aside), the
 * endpoint to turn off, and what to note when it is turned on or off.
 */
export type DeviceMemory = { isOn(): Promise<boolean>; endpoint(): Promise<string | null>; remember(endpoint: string): void; forget(): void };

/** This browser's storage remembers it (an order's page: only this device follows that order from here). */
export function storedMemory(key: string): DeviceMemory {
  return {
    isOn: async () => localStorage.getItem(key) !== null,
    endpoint: async () => localStorage.getItem(key),
    remember: (endpoint) => localStorage.setItem(key, endpoint),
    forget: () => localStorage.removeItem(key),
  };
}

/**
 * The server's list remembers it (the account: another device may sign out everywhere, another
 * account may have used this browser): on when this browser's current subscription is among the
 * account's devices, given as SHA-256 hashes of their endpoints.
 */
export function serverMemory(deviceHashes: readonly string[]): DeviceMemory {
  const known = new Set(deviceHashes);
  let added: string | null = null;
  return {
    isOn: async () => {
      const endpoint = await currentEndpoint();
      return endpoint !== null && (endpoint === added || known.has(await endpointHash(endpoint)));
    },
    endpoint: currentEndpoint,
    remember: (endpoint) => void (added = endpoint),
    forget: () => {
      added = null;
      known.clear();
    },
  };
}

/** This browser's push subscription for the site, if it has one. */
export async function currentEndpoint(): Promise<string | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return (await registration?.pushManager.getSubscription())?.endpoint ?? null;
}

/** SHA-256 of an endpoint, hex: how the server names an account's devices to the page (lib/push/account-devices.ts). */
export async function endpointHash(endpoint: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(endpoint));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** What the browser says before anyone acts: it cannot, the person blocked the site, or what `memory` knows. */
export async function browserState(memory: DeviceMemory): Promise<DeviceState> {
  if (!pushSupported()) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && (await memory.isOn()) ? "on" : "off";
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

/** Signing out on this device: it stops being told about the account's orders (best effort; "sign out everywhere" clears them all). */
export async function forgetAccountDevice(): Promise<void> {
  const endpoint = await currentEndpoint().catch(() => null);
  if (!endpoint) return;
  await fetch("/api/account/push", { method: "DELETE", headers: { "content-type": "application/json" }, body: JSON.stringify({ endpoint }) }).catch(() => null);
}
