"use client";

import { useEffect } from "react";

/** "Added Caffè latte" for a few seconds after adding, announced politely, with a way to the cart. */
export function AddedToast({ added, onOpenCart, onDone }: { added: { name: string; at: number } | null; onOpenCart: () => void; onDone: () => void }) {
  useEffect(() => {
    if (!added) return;
    const timer = window.setTimeout(onDone, 3500);
    return () => window.clearTimeout(timer);
  }, [added, onDone]);

  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-[calc(max(1rem,env(safe-area-inset-bottom))+4.25rem)] z-40 flex justify-center px-4 sm:bottom-6">
      {added ? (
        <p key={added.at} className="pointer-events-auto flex items-center gap-3 rounded-full bg-espresso py-2 pr-2 pl-4 text-sm text-foam shadow-lg transition duration-200 ease-out starting:translate-y-2 starting:opacity-0">
          <span>
            Added <strong className="font-semibold">{added.name}</strong>
          </span>
          <button type="button" onClick={onOpenCart} className="rounded-full bg-foam/15 px-3 py-1 font-semibold hover:bg-foam/25 focus-visible:outline-2 focus-visible:outline-crema">
            View cart
          </button>
        </p>
      ) : null}
    </div>
  );
}
