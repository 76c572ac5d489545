"use client";

import { useEffect, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { browserState, errorOf, subscribeThisDevice, type DeviceMemory, type DeviceState } from "./this-device";

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
 * (this-device.ts) and tells `api` (POST the subscription, DELETE its endpoint); `memory` knows
 * whether this device is on. The order page's "Ready notification" and the Account page's
 * "Notifications on this device" are two uses.
 */
export function PushToggle({ id, title, api, headers = {}, memory, vapidPublicKey, text, onChange }: { id: string; title: string; api: string; headers?: Record<string, string>; memory: DeviceMemory; vapidPublicKey: string; text: PushToggleText; /** After this device was turned on or off (the Account page re-reads its list of devices). */ onChange?: () => void }) {
  // "checking" until the browser has answered (the server cannot know), then what the person chose.
  const [state, setState] = useState<DeviceState>("checking");
  useEffect(() => {
    let live = true;
    void browserState(memory).then((s) => live && setState((now) => (now === "checking" ? s : now)));
    return () => void (live = false);
  }, [memory]);
  const [error, setError] = useState<string | null>(null);
  const jsonHeaders = { "content-type": "application/json", ...headers };
  const headingId = `push-${id}`;

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
      memory.remember(subscription.endpoint);
      setState("on");
      onChange?.();
    } catch (e) {
      setError(e instanceof Error && e.message ? e.message : "Notifications could not be turned on. Please try again.");
      setState("off");
    }
  }

  async function turnOff() {
    setError(null);
    setState("working");
    const endpoint = await memory.endpoint();
    const res = await fetch(api, { method: "DELETE", headers: jsonHeaders, body: JSON.stringify({ endpoint }) }).catch(() => null);
    if (!res?.ok) {
      setError(res ? await errorOf(res) : "You seem to be offline. Please try again.");
      setState("on");
      return;
    }
    memory.forget();
    setState("off");
    onChange?.();
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
