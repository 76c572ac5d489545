"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { PushToggle } from "@/components/push/push-toggle";
import { serverMemory } from "@/components/push/this-device";

/**
 * The Account page's "Notifications on this device": told (Web Push) whenever any of the account's
 * orders is ready or cancelled, whichever device or page placed it. Signing out on this device
 * turns it off (account-menu.tsx); signing out everywhere or a new password turns every device off.
 */
export function AccountNotifications({ vapidPublicKey, deviceHashes }: { vapidPublicKey: string; /** The account's devices (SHA-256 of each endpoint): is this one of them? */ deviceHashes: string[] }) {
  const router = useRouter();
  const [memory] = useState(() => serverMemory(deviceHashes));
  return (
    <PushToggle
      id="account-device"
      title="Notifications on this device"
      api="/api/account/push"
      memory={memory}
      vapidPublicKey={vapidPublicKey}
      onChange={() => router.refresh()}
      text={{
        offer: "Get a notification on this device whenever one of your orders is ready, wherever you placed it.",
        turnOn: "Notify me on this device",
        on: "Notifications are on: this device is told when any of your orders is ready or cancelled, until you sign out here.",
        turnOff: "Turn off on this device",
        unsupported: "This browser cannot show notifications.",
        blocked: "Notifications are blocked for this site in your browser's settings. Allow them there to be told when your orders are ready.",
      }}
    />
  );
}
