"use client";

import { useState } from "react";
import { PushToggle } from "@/components/push/push-toggle";
import { storedMemory } from "@/components/push/this-device";

/**
 * "Notify me when it's ready": this device is told (Web Push) when the order is ready or
 * cancelled, so the page can be closed: the push arrives on a locked phone.
 */
export function ReadyNotifications({ orderId, token, pickupCode, vapidPublicKey }: { orderId: string; token: string | null; pickupCode: string; vapidPublicKey: string }) {
  const [memory] = useState(() => storedMemory(`go-coffee.push.${orderId}`));
  return (
    <PushToggle
      id="ready-notification"
      title="Ready notification"
      api={`/api/orders/${orderId}/push`}
      headers={token ? { "x-order-token": token } : {}}
      memory={memory}
      vapidPublicKey={vapidPublicKey}
      text={{
        offer: "Get a notification on this device when your order is ready, even with this page closed.",
        turnOn: "Notify me when it's ready",
        on: `Notifications are on: this device will be told when order ${pickupCode} is ready, even with this page closed.`,
        turnOff: "Turn off notifications",
        unsupported: "This browser cannot show notifications: keep this page open to see when your order is ready.",
        blocked: "Notifications are blocked for this site in your browser's settings. Allow them there to be told when your order is ready.",
      }}
    />
  );
}
