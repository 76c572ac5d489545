"use client";

import { useEffect } from "react";

/**
 * Registers public/sw.js: it keeps the menu and the order tracking pages readable offline and
 * shows Web Push notifications. Production builds only: in `next dev` a cached page would hide
 * the edit just made.
 */
export function ServiceWorker({ enabled }: { enabled: boolean }) {
  useEffect(() => {
    if (!enabled || !("serviceWorker" in navigator)) return;
    navigator.serviceWorker.register("/sw.js").catch(() => undefined);
  }, [enabled]);
  return null;
}
