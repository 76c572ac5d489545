import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { cache } from "react";
import { signInPath } from "./callback-url";
import { authOptions } from "./next-auth";
import { parseSessionUser, type SessionUser } from "./session-user";

/** The signed-in user of this request (server components, actions, route handlers), or null. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  return parseSessionUser(session?.user);
});

/** For pages: the signed-in user, or a redirect to /sign-in that comes back to `returnTo`. */
export async function requireSignedIn(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}
