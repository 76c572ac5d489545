"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { browserState, errorOf, subscribeThisDevice, type DeviceState } from "./this-device";

export type PushToggleText = {
  /** What turning it on gives, shown while it is off. */
  offer: string;
  turnOn: string;
  /** What this device will now be told (a status line). */
  on: ReactNode;
  turnOff: string;
  /** Said when the browser cannot, or the person blocked notifications for the site. */
  unsupported: string;
  blocked: string;
};

/**
 * One device's Web Push switch: asks the browser for permission, subscribes this device
 * (this-device.ts) and tells `api` (POST the subscription, DELETE its endpoint); `storageKey`
 * remembers on this device that it said yes. The order page's "Ready notification" and the
 * Account page's "Notifications on this device" are two uses.
 */
export function PushToggle({ title, api, headers = {}, storageKey, vapidPublicKey, text }: { title: string; api: string; headers?: Record<string, string>; storageKey: string; vapidPublicKey: string; text: PushToggleText }) {
  const hydrated = useHydrated();
  // What the browser says until the person acts (then `chosen`): read after hydration, the server cannot know.
  const [chosen, setState] = useState<DeviceState | null>(null);
  const state = chosen ?? (hydrated ? browserState(storageKey) : "checking");
  const [error, setError] = useState<string | null>(null);
  const jsonHeaders = { "content-type": "application/json", ...headers };
  const headingId = `push-${storageKey.replace(/[^a-z0-9]/gi, "-")}`;

  async function turnOn() {
    setError(null);
    setState("working");
    try {
      const subscription = await subscribeThisDevice(vapidPublicKey);
      if (typeof subscription === "string") {
        setState(subscription === "denied" ? "blocked" : "off");
        return;
      }
      const res = await fetch(api, { method: "POST", headers: jsonHeaders, body: JSON.stringify(subscription.toJSON()) });
      if (!res.ok) throw new Error(await errorOf(res));
      localStorage.setItem(storageKey, subscription.endpoint);
      setState("on");
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : "Notifications could not be turned on. Please try again.");
      setState("off");
    }
  }

  async function turnOff() {
    setError(null);
    setState("working");
    const endpoint = localStorage.getItem(storageKey);
    const res = await fetch(api, { method: "DELETE", headers: jsonHeaders, body: JSON.stringify({ endpoint }) }).catch(() => null);
    if (!res?.ok) {
      setError(res ? await errorOf(res) : "You seem to be offline. Please try again.");
      setState("on");
      return;
    }
    localStorage.removeItem(storageKey);
    setState("off");
  }

  if (state === "checking") return null;
  return (
    <section aria-labelledby={headingId} className="rounded-2xl border border-espresso/10 bg-white/70 p-5">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {state === "unsupported" ? (
        <p className="mt-1.5 text-sm text-espresso/75">{text.unsupported}</p>
      ) : state === "blocked" ? (
        <p className="mt-1.5 text-sm text-espresso/75">{text.blocked}</p>
      ) : state === "on" ? (
        <>
          <p role="status" className="mt-1.5 text-sm text-espresso/75">
            {text.on}
          </p>
          <Button variant="secondary" size="sm" className="mt-3" onClick={turnOff}>
            {text.turnOff}
          </Button>
        </>
      ) : (
        <>
          <p className="mt-1.5 text-sm text-espresso/75">{text.offer}</p>
          <Button size="sm" className="mt-3" onClick={turnOn} disabled={state === "working"}>
            {state === "working" ? "Turning on…" : text.turnOn}
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
