import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/shops/site-header";
import { CupIcon } from "@/components/ui/icons";
import { PageMessage } from "@/components/ui/page-message";
import { buttonClasses } from "@/components/ui/button";
import { shopsWhere } from "@/lib/auth/policy";
import { requireSignedIn } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listShops } from "@/lib/shops/queries";
import { cn } from "@/lib/ui/cn";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your shops", robots: { index: false } };

/** /barista: the queues the signed-in staff member can work. */
export default async function BaristaHomePage() {
  const user = await requireSignedIn("/barista");
  const allowed = shopsWhere(user, "queue:work");
  const shops = (await listShops(db())).filter((shop) => allowed === "all" || allowed.includes(shop.id));

  if (shops.length === 0) {
    return (
      <>
        <SiteHeader />
        <PageMessage
          icon={<CupIcon />}
          title="No shop queues for you"
          actions={
            <Link href="/" className={buttonClasses()}>
              Go Coffee home
            </Link>
          }
        >
          <p>
            You are signed in as <span className="font-semibold text-espresso">{user.email}</span>, which is not on the staff of any shop. Ask a manager to add you.
          </p>
        </PageMessage>
      </>
    );
  }

  return (
    <>
      <SiteHeader />
      <main className="mx-auto max-w-3xl px-4 py-8">
        <h1 className="text-3xl font-bold tracking-tight">Your shops</h1>
        <p className="mt-1 text-espresso/70">Signed in as {user.name}. Open a shop’s queue on the tablet at the bar.</p>
        <ul className="mt-6 grid gap-3">
          {shops.map((shop) => (
            <li key={shop.id}>
              <Link
                href={`/barista/${shop.slug}`}
                className="flex items-center justify-between gap-4 rounded-3xl bg-white p-5 shadow-sm ring-1 ring-espresso/8 transition-shadow hover:shadow-md focus-visible:outline-2 focus-visible:outline-crema"
              >
                <span className="min-w-0">
                  <span className="block text-xl font-bold">{shop.name}</span>
                  <span className="block text-espresso/70">
                    {shop.addressLine}, {shop.city}
                  </span>
                  <span className={cn("mt-1 block text-sm font-semibold", shop.opening.open ? "text-emerald-800" : "text-espresso/70")}>{shop.openingLabel}</span>
                </span>
                <span className={buttonClasses({ className: "pointer-events-none" })}>Open queue</span>
              </Link>
            </li>
          ))}
        </ul>
      </main>
    </>
  );
}
