import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { signInPath } from "./callback-url";
import { authOptions } from "./next-auth";
import { parseSessionUser, type SessionUser } from "./session-user";

/** next-auth's session cookie: plain or __Secure- (https), whole or in chunks. */
const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token(\.\d+)?$/;

/** Whether the request carries a session cookie (signed in, or a session that has not been checked yet). */
export function hasSessionCookie(all: readonly { name: string }[]): boolean {
  return all.some((c) => SESSION_COOKIE.test(c.name));
}

/** The signed-in user of this request (server components, actions, route handlers), or null. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Without the cookie there is nothing to decode; next-auth would still build its whole request
  // context (and a CSRF token) to say so, on every guest order.
  if (!hasSessionCookie((await cookies()).getAll())) return null;
  const session = await getServerSession(authOptions());
  return parseSessionUser(session?.user);
});

/** For pages: the signed-in user, or a redirect to /sign-in that comes back to `returnTo`. */
export async function requireSignedIn(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}
