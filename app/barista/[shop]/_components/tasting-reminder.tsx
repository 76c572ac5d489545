import Link from "next/link";
import { shopDayTime } from "@/lib/shops/local-time";

export type TastingToScore = { id: string; name: string; scheduledAt: string };

/** The shop's open tastings this person has not scored: a link each to the Tastings page. */
export function TastingReminder({ shop, tastings }: { shop: { slug: string; timezone: string }; tastings: readonly TastingToScore[] }) {
  if (tastings.length === 0) return null;
  return (
    <nav aria-label="Tastings to score" className="mx-3 mt-3 flex flex-wrap gap-2">
      {tastings.map((t) => (
        <Link
          key={t.id}
          href={`/manager/${encodeURIComponent(shop.slug)}/tastings`}
          className="rounded-xl bg-crema px-4 py-2 text-base font-bold text-espresso hover:bg-crema/90 focus-visible:outline-4 focus-visible:outline-sky-400"
        >
          Taste {t.name} · {shopDayTime(new Date(t.scheduledAt), shop.timezone)} — give your score
        </Link>
      ))}
    </nav>
  );
}
