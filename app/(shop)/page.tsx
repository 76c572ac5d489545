import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { BrandMark } from "@/components/shops/site-header";
import { ShopCard } from "@/components/shops/shop-card";
import { db } from "@/lib/db";
import { listShops } from "@/lib/shops/queries";

// Opening state depends on the current time: render on every request.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const shops = await listShops(db());
  return (
    <main className="mx-auto max-w-5xl px-4 pt-10 pb-16 sm:pt-16">
      <header className="mb-8 sm:mb-10">
        <div className="flex items-start justify-between gap-4">
          <BrandMark className="size-12" />
          <SessionAccountMenu />
        </div>
        <h1 className="mt-5 text-4xl font-bold tracking-tight sm:text-5xl">Go Coffee</h1>
        <p className="mt-3 max-w-md text-lg text-espresso/70">Order ahead from your nearest shop, skip the line and pick up when it is ready.</p>
      </header>
      {shops.length === 0 ? (
        <p>
          No shops yet. Run <code>npm run db:seed</code> to add the demo shops.
        </p>
      ) : (
        <section aria-label="Shops" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {shops.map((shop) => (
            <ShopCard key={shop.id} shop={shop} />
          ))}
        </section>
      )}
    </main>
  );
}
