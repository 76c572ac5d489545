"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type State = "checking" | "unsupported" | "off" | "working" | "on" | "blocked";

/** The browser wants the VAPID public key as bytes; the server gives it base64url. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const b64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const storageKey = (orderId: string) => `go-coffee.push.${orderId}`;

function browserState(orderId: string): State {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(storageKey(orderId)) ? "on" : "off";
}

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? "Notifications could not be turned on. Please try again.";
}

/**
 * "Notify me when it's ready": asks the browser for permission, subscribes this device to Web
 * Push (public/sw.js shows the notification) and tells the server which order it follows. The
 * page can then be closed: the push arrives on a locked phone.
 */
export function ReadyNotifications({ orderId, token, pickupCode, vapidPublicKey }: { orderId: string; token: string | null; pickupCode: string; vapidPublicKey: string }) {
  const hydrated = useHydrated();
  // What the browser says until the customer acts (then `chosen`): read after hydration, the server cannot know.
  const [chosen, setState] = useState<State | null>(null);
  const state = chosen ?? (hydrated ? browserState(orderId) : "checking");
  const [error, setError] = useState<string | null>(null);
  const api = `/api/orders/${orderId}/push`;
  const headers = { "content-type": "application/json", ...(token ? { "x-order-token": token } : {}) };

  async function turnOn() {
    setError(null);
    setState("working");
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setState(permission === "denied" ? "blocked" : "off");
        return;
      }
      const registration = await navigator.serviceWorker.register("/sw.js");
      await navigator.serviceWorker.ready;
      const applicationServerKey = keyBytes(vapidPublicKey);
      let subscription = await registration.pushManager.getSubscription();
      // A subscription made for another server key (keys rotated) cannot be reused.
      if (subscription && subscription.options.applicationServerKey && new Uint8Array(subscription.options.applicationServerKey).join() !== applicationServerKey.join()) {
        await subscription.unsubscribe();
        subscription = null;
      }
      subscription ??= await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
      const res = await fetch(api, { method: "POST", headers, body: JSON.stringify(subscription.toJSON()) });
      if (!res.ok) throw new Error(await errorOf(res));
      localStorage.setItem(storageKey(orderId), subscription.endpoint);
      setState("on");
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : "Notifications could not be turned on. Please try again.");
      setState("off");
    }
  }

  async function turnOff() {
    setError(null);
    setState("working");
    const endpoint = localStorage.getItem(storageKey(orderId));
    const res = await fetch(api, { method: "DELETE", headers, body: JSON.stringify({ endpoint }) }).catch(() => null);
    if (!res?.ok) {
      setError(res ? await errorOf(res) : "You seem to be offline. Please try again.");
      setState("on");
      return;
    }
    localStorage.removeItem(storageKey(orderId));
    setState("off");
  }

  if (state === "checking") return null;
  return (
    <section aria-labelledby="ready-notifications" className="rounded-2xl border border-espresso/10 bg-white/70 p-5">
      <h2 id="ready-notifications" className="text-lg font-semibold">
        Ready notification
      </h2>
      {state === "unsupported" ? (
        <p className="mt-1.5 text-sm text-espresso/75">This browser cannot show notifications: keep this page open to see when your order is ready.</p>
      ) : state === "blocked" ? (
        <p className="mt-1.5 text-sm text-espresso/75">Notifications are blocked for this site in your browser&apos;s settings. Allow them there to be told when your order is ready.</p>
      ) : state === "on" ? (
        <>
          <p role="status" className="mt-1.5 text-sm text-espresso/75">
            Notifications are on: this device will be told when order {pickupCode} is ready, even with this page closed.
          </p>
          <Button variant="secondary" size="sm" className="mt-3" onClick={turnOff}>
            Turn off notifications
          </Button>
        </>
      ) : (
        <>
          <p className="mt-1.5 text-sm text-espresso/75">Get a notification on this device when your order is ready, even with this page closed.</p>
          <Button size="sm" className="mt-3" onClick={turnOn} disabled={state === "working"}>
            {state === "working" ? "Turning on…" : "Notify me when it's ready"}
          </Button>
        </>
      )}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
