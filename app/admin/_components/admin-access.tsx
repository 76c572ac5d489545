import type { ReactNode } from "react";
import { ForbiddenPanel } from "@/components/staff/forbidden-panel";
import { SiteHeader } from "@/components/shops/site-header";
import { can, type Action } from "@/lib/auth/policy";
import { requireSignedIn } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/session-user";

export type AdminAccess = { ok: true; user: SessionUser } | { ok: false; page: ReactNode };

/**
 * For the admin pages (the counterpart of managerAccess): the user when they may do `action`;
 * otherwise the page to show instead (sign-in redirect, or the friendly 403 saying `title`).
 */
export async function adminAccess(path: string, action: Action, title: string): Promise<AdminAccess> {
  const user = await requireSignedIn(path);
  if (can(user, action)) return { ok: true, user };
  return {
    ok: false,
    page: (
      <>
        <SiteHeader />
        <ForbiddenPanel email={user.email} title={title} reason="which is not an admin account." back={{ href: "/", label: "Go Coffee home" }} />
      </>
    ),
  };
}
