import type { Metadata } from "next";
import { db } from "@/lib/db";
import { getShopSettings } from "@/lib/shops/settings";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { SettingsForm } from "./settings-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Settings · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

/** /manager/:shop/settings — hours, tax, crypto receiving wallet and confirmations. */
export default async function ManagerSettingsPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "shop:manage", "settings");
  if (!access.ok) return access.page;
  return (
    <ManagerFrame shop={access.shop} tab="settings">
      <SettingsForm shopSlug={access.shop.slug} timezone={access.shop.timezone} initial={await getShopSettings(db(), access.shop.id)} />
    </ManagerFrame>
  );
}
