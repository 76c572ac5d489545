import type { Metadata } from "next";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { adminAccess } from "../../_components/admin-access";
import { NewShopForm } from "./new-shop-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Open a shop · Admin", robots: { index: false } };

/** /admin/shops/new — admins open a new shop. */
export default async function NewShopPage() {
  const access = await adminAccess("/admin/shops/new", "shop:create", "Only admins can open shops");
  if (!access.ok) return access.page;
  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-2xl px-4 py-8">
        <h1 className="text-3xl font-bold tracking-tight">Open a shop</h1>
        <p className="mt-1 text-espresso/70">It starts with the whole menu at catalog prices, open 07:00–19:00, and no stock. Then set its hours, staff and menu.</p>
        <NewShopForm timeZones={Intl.supportedValuesOf("timeZone")} />
      </main>
    </>
  );
}
