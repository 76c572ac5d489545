import type { Metadata } from "next";
import { formatQuantity } from "@/lib/agents/inventor/compose";
import { listTastings } from "@/lib/agents/tasting/manage";
import { MIN_SCORES } from "@/lib/agents/tasting/verdict";
import { can } from "@/lib/auth/policy";
import { db } from "@/lib/db";
import { formatMoney } from "@/lib/ui/money";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { TastingForm } from "./tasting-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Tastings · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

const STATUS: Record<string, string> = { OPEN: "Open", PASSED: "Passed", FAILED: "Did not pass" };

/** /manager/:shop/tastings — tastings of approved new drinks: when, the recipe, everyone's scores; the staff score, a manager may close. */
export default async function TastingsPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "tasting:score", "tastings");
  if (!access.ok) return access.page;
  const [tastings, shop] = await Promise.all([listTastings(db(), access.shop.id, access.user.id), db().shop.findUniqueOrThrow({ where: { id: access.shop.id }, select: { currency: true } })]);
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "full", timeStyle: "short", timeZone: access.shop.timezone });
  const canClose = can(access.user, "menu:edit", { shopId: access.shop.id });

  return (
    <ManagerFrame shop={access.shop} tab="agents">
      <section aria-labelledby="tastings-heading" id="tastings">
        <h2 id="tastings-heading" className="text-xl font-bold">
          Tastings
        </h2>
        <p className="mt-1 text-sm text-espresso/70">
          New drinks a manager approved are tasted by the shop’s staff: each scores 1 to 5. {MIN_SCORES} scores with a mean of 3.5 or more pass it (or a manager closes it); a passed drink is proposed for this shop’s menu on the Agents page.
        </p>
        {tastings.length === 0 ? (
          <p className="mt-3 text-sm text-espresso/70">No tastings yet.</p>
        ) : (
          <ul className="mt-4 grid gap-4">
            {tastings.map((t) => (
              <li key={t.id} className="rounded-2xl bg-white p-4 ring-1 ring-espresso/10">
                <article aria-label={`Tasting of ${t.name}`}>
                  <h3 className="font-semibold">
                    {t.name} · {STATUS[t.status]}
                  </h3>
                  <p className="text-sm">
                    {when.format(t.scheduledAt)} · {t.scheduleNote}
                  </p>
                  <p className="mt-1 text-sm text-espresso/80">{t.description}</p>
                  <p className="mt-1 text-sm">
                    {t.lines.map((l) => `${formatQuantity(l.quantity, l.unit)} ${l.name}`).join(" · ")}
                    {t.priceCents !== null ? ` · ${formatMoney(t.priceCents, shop.currency)}` : ""}
                  </p>
                  <p className="mt-2 text-sm font-semibold">
                    {t.scores.length === 0 ? "No scores yet" : `Mean ${t.mean!.toFixed(1)} of 5 from ${t.scores.length} ${t.scores.length === 1 ? "score" : "scores"}`}
                  </p>
                  {t.scores.length > 0 ? (
                    <ul aria-label={`Scores for ${t.name}`} className="mt-1 grid gap-1 text-sm">
                      {t.scores.map((s, i) => (
                        <li key={i}>
                          {s.who}: {s.score} of 5{s.note ? ` — “${s.note}”` : ""}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {t.status === "OPEN" ? <TastingForm shopSlug={access.shop.slug} tastingId={t.id} name={t.name} mine={t.mine ? { score: t.mine.score, note: t.mine.note } : null} canClose={canClose} /> : null}
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
    </ManagerFrame>
  );
}
