import Link from "next/link";
import type { ReactNode } from "react";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { cn } from "@/lib/ui/cn";
import { NotificationBell } from "./notification-bell";

export type ManagerTab = "menu" | "orders" | "stock" | "agents" | "tasks" | "social" | "staff" | "settings" | "activity";

const TABS: { id: ManagerTab; label: string }[] = [
  { id: "menu", label: "Menu" },
  { id: "orders", label: "Orders" },
  { id: "stock", label: "Stock" },
  { id: "agents", label: "Agents" },
  { id: "tasks", label: "Tasks" },
  { id: "social", label: "Social" },
  { id: "staff", label: "Staff" },
  { id: "settings", label: "Settings" },
  { id: "activity", label: "Activity" },
];

/** The chrome of a shop's manager pages: header, shop name, tabs. */
export function ManagerFrame({ shop, tab, children }: { shop: { slug: string; name: string }; tab: ManagerTab; children: ReactNode }) {
  return (
    <>
      <SiteHeader>
        <NotificationBell shopSlug={shop.slug} />
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-5xl px-4 py-6">
        <p className="text-sm font-semibold text-espresso/70">
          <Link href="/manager" className="hover:underline">
            Manager
          </Link>
        </p>
        <h1 className="text-3xl font-bold tracking-tight">{shop.name}</h1>
        <nav aria-label="Manage shop" className="mt-4 flex gap-1 overflow-x-auto border-b border-espresso/10">
          {TABS.map((t) => (
            <Link
              key={t.id}
              href={`/manager/${shop.slug}/${t.id}`}
              aria-current={t.id === tab ? "page" : undefined}
              className={cn("-mb-px border-b-2 px-3 py-2 text-sm font-semibold whitespace-nowrap", t.id === tab ? "border-espresso text-espresso" : "border-transparent text-espresso/70 hover:text-espresso")}
            >
              {t.label}
            </Link>
          ))}
        </nav>
        <div className="mt-6">{children}</div>
      </main>
    </>
  );
}
