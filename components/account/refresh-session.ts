import { getCsrfToken } from "next-auth/react";

/**
 * Asks next-auth to re-read the signed-in user now (roles, shops) instead of at the next minute's
 * refresh: what `useSession().update()` does, without a SessionProvider.
 */
export async function refreshSession(): Promise<void> {
  const csrfToken = await getCsrfToken();
  await fetch("/api/auth/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ csrfToken, data: {} }) });
}
