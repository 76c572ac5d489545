"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** At most one re-issue per tab this often. */
const EVERY_MS = 10 * 60_000;
const KEY = "gocoffee.session-kept-at";

/**
 * Keeps a signed-in session alive while the person uses the site, and only then: on a page load
 * and when the tab comes back into view (at most every ten minutes) it asks next-auth for the
 * session (GET /api/auth/session), which re-reads the user when due and re-issues the cookie for
 * another 7 days. A session no page has asked for in 7 days has expired (lib/auth/session-rules.ts).
 * Server components cannot set cookies, which is why this runs in the browser. If the answer has
 * no user (signed out everywhere, password changed), the page re-renders signed out.
 */
export function SessionKeeper() {
  const router = useRouter();
  useEffect(() => {
    const keep = async () => {
      if (document.visibilityState !== "visible") return;
      const last = Number(sessionStorage.getItem(KEY) ?? 0);
      if (Date.now() - last < EVERY_MS) return;
      sessionStorage.setItem(KEY, String(Date.now()));
      // next-auth's session endpoint (what its getSession() calls), without loading its client here.
      const response = await fetch("/api/auth/session", { cache: "no-store" }).catch(() => null);
      const session = response?.ok ? ((await response.json().catch(() => null)) as { user?: unknown } | null) : null;
      if (session && !session.user) router.refresh();
    };
    void keep();
    document.addEventListener("visibilitychange", keep);
    return () => document.removeEventListener("visibilitychange", keep);
  }, [router]);
  return null;
}
