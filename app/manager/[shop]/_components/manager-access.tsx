import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ForbiddenPanel } from "@/components/staff/forbidden-panel";
import { SiteHeader } from "@/components/shops/site-header";
import { DomainError } from "@/lib/errors";
import type { Action } from "@/lib/auth/policy";
import { requireSignedIn } from "@/lib/auth/session";
import type { SessionUser } from "@/lib/auth/session-user";
import { requireShopAccess, type ShopRef } from "@/lib/shops/access";

export type ManagerAccess = { ok: true; shop: ShopRef; user: SessionUser } | { ok: false; page: ReactNode };

/**
 * For the manager pages: the shop and user when the user may do `action` there; otherwise the
 * page to show instead (sign-in redirect, the friendly 403, or not found).
 */
export async function managerAccess(slug: string, action: Action, path: string): Promise<ManagerAccess> {
  const user = await requireSignedIn(`/manager/${encodeURIComponent(slug)}/${path}`);
  try {
    const { shop } = await requireShopAccess(slug, action);
    return { ok: true, shop, user };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "forbidden") {
      if (error instanceof DomainError && error.code === "not_found") notFound();
      throw error;
    }
    return {
      ok: false,
      page: (
        <>
          <SiteHeader />
          <ForbiddenPanel email={user.email} title="This page is for the shop’s managers" reason="which cannot manage this shop. Managers and admins can change the menu, staff and settings." back={{ href: "/barista", label: "Your shops" }} />
        </>
      ),
    };
  }
}
