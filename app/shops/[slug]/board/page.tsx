import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { boardSnapshot } from "@/lib/queue/board-feed";
import { findShop } from "@/lib/shops/queries";
import { BoardScreen } from "./_components/board-screen";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

const loadShop = cache((slug: string) => findShop(db(), slug));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shop = await loadShop((await params).slug);
  return { title: shop ? `Order status · ${shop.name}` : "Shop not found", robots: { index: false } };
}

/** /shops/:slug/board — public: names (first name and initial) and lanes only, as the board stream sends them. */
export default async function BoardPage({ params }: Props) {
  const shop = await loadShop((await params).slug);
  if (!shop) notFound();
  const { data } = await boardSnapshot(db(), shop.id);
  return <BoardScreen shop={{ slug: shop.slug, name: shop.name }} initial={data} />;
}
