"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { currentEndpoint, endpointHash } from "@/components/push/this-device";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { sentence } from "@/components/ui/sentence";
import type { AccountDevice } from "@/lib/push/account-devices";
import { removePushDeviceAction } from "../account/push-actions";

const day = (iso: string) => new Date(iso).toLocaleDateString("en-US", { dateStyle: "medium" });

/**
 * The account's devices that are told about its orders, named by their browser's push service,
 * with when each was added and last told, and the last refusal. Another device (a lost phone, an
 * old laptop) can be removed here; this one is turned off with its own switch above, which knows
 * its subscription.
 */
export function PushDevices({ devices }: { devices: AccountDevice[] }) {
  const router = useRouter();
  const [thisDevice, setThisDevice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void currentEndpoint()
      .then((e) => (e ? endpointHash(e) : null))
      .then((h) => live && setThisDevice(h), () => undefined);
    return () => void (live = false);
  }, [devices]);

  async function remove(id: string) {
    setError(null);
    setRemoving(id);
    const result = await removePushDeviceAction(id);
    setRemoving(null);
    if (!result.ok) return setError(sentence(result.error.message));
    router.refresh();
  }

  if (devices.length === 0) return null;
  return (
    <section aria-labelledby="push-devices" className="rounded-2xl bg-white p-6 ring-1 ring-espresso/10">
      <h2 id="push-devices" className="mb-3 text-lg font-semibold">
        Devices told about your orders
      </h2>
      <FormError message={error} />
      <ul aria-label="Devices told about your orders" className="grid gap-3 text-sm">
        {devices.map((d, i) => {
          const name = `${d.service} (device ${i + 1})`;
          const here = d.hash === thisDevice;
          return (
            <li key={d.id} className="flex flex-wrap items-center justify-between gap-3">
              <div>
                <p className="font-medium">
                  {name}
                  {here ? <span className="ml-2 rounded-full bg-foam px-2 py-0.5 text-xs">This device</span> : null}
                </p>
                <p className="text-espresso/70">
                  Added {day(d.addedAt)} · {d.lastSentAt ? `last told ${day(d.lastSentAt)}` : "not told of an order yet"}
                </p>
                {d.lastError ? <p className="text-red-700">Last attempt failed: {d.lastError}</p> : null}
              </div>
              {here ? (
                <p className="text-espresso/70">Turn it off above.</p>
              ) : (
                <Button type="button" variant="secondary" size="sm" onClick={() => remove(d.id)} disabled={removing !== null} aria-label={`Remove ${name}`}>
                  {removing === d.id ? "Removing…" : "Remove"}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
