import { ShopCard } from "@/components/shops/shop-card";
import { db } from "@/lib/db";
import { listShops } from "@/lib/shops/queries";

// Opening state depends on the current time: render on every request.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  const shops = await listShops(db());
  return (
    <main className="mx-auto max-w-5xl px-4 py-10">
      <header className="mb-8">
        <h1 className="text-3xl font-bold tracking-tight">Go Coffee</h1>
        <p className="mt-2 text-espresso/70">Choose a shop to order ahead and skip the line.</p>
      </header>
      {shops.length === 0 ? (
        <p>No shops yet. Run <code>npm run db:seed</code> to add the demo shops.</p>
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
