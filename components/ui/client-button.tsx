"use client";

import type { ButtonHTMLAttributes } from "react";
import { useHydrated } from "./use-hydrated";

/**
 * A <button> that says it is not ready yet (aria-disabled) while the page's script has not taken
 * it over. Clicked on the server's HTML, a `type="button"` does nothing and a client form's submit
 * posts the form to the page itself: a person on a slow phone taps and nothing happens. Assistive
 * technology hears "dimmed" until then and Playwright waits for it; nothing changes to the eye
 * (the `disabled:` styles key on the real attribute, which a native form submit would still need).
 * Use it for any button on a client component that is on screen when the page loads.
 */
export function ClientButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  const hydrated = useHydrated();
  return <button {...props} aria-disabled={props["aria-disabled"] ?? (hydrated ? undefined : true)} />;
}
