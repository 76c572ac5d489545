import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { getShopMenu } from "@/lib/catalog/menu";
import { shopConnections, socialPosts, specialDraftedToday, type SocialPostView } from "@/lib/agents/social/manage";
import { db } from "@/lib/db";
import { KIND_LABEL } from "@/lib/integrations/kinds";
import { managerAccess } from "../_components/manager-access";
import { ManagerFrame } from "../_components/manager-frame";
import { DraftPostButton, DraftSpecialButton, PostApproval, PublishNowButton } from "./post-controls";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Social · Manager", robots: { index: false } };

type Props = { params: Promise<{ shop: string }> };

const heading = (p: SocialPostView) => (p.occasion === "daily_special" ? `Today's special: ${p.productName}` : `New: ${p.productName}`);

/** /manager/:shop/social — the social agent's posts: approve (after editing) or reject, then see them published on Mastodon and X. */
export default async function ManagerSocialPage({ params }: Props) {
  const access = await managerAccess((await params).shop, "social:manage", "social");
  if (!access.ok) return access.page;
  const shop = access.shop;
  const [posts, connections, menu, drafted] = await Promise.all([socialPosts(db(), shop.id), shopConnections(db(), shop.id), getShopMenu(db(), shop.slug), specialDraftedToday(db(), shop.id, shop.timezone)]);
  const when = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: shop.timezone });
  const waiting = posts.filter((p) => p.state === "waiting_approval");
  const approved = posts.filter((p) => ["no_connection", "not_sent", "publishing", "held", "failed"].includes(p.state));
  const published = posts.filter((p) => p.state === "published");
  const closed = posts.filter((p) => p.state === "rejected" || p.state === "expired");
  const products = (menu?.categories ?? []).flatMap((c) => c.products).filter((p) => p.available && p.imageUrl?.startsWith("/menu/"));
  const active = connections.filter((c) => c.status !== "PAUSED");

  const card = (p: SocialPostView, children: React.ReactNode) => (
    <li key={p.id}>
      <article aria-label={heading(p)} className="flex gap-4 rounded-2xl bg-white p-4 ring-1 ring-espresso/10">
        {/* eslint-disable-next-line @next/next/no-img-element -- small local SVGs: nothing for the image optimiser to do. */}
        <img src={p.imagePath} alt={`Illustration of ${p.productName}`} width={96} height={96} className="h-24 w-24 shrink-0 rounded-xl object-cover" />
        <div className="min-w-0 flex-1">
          <h3 className="font-semibold">{heading(p)}</h3>
          <p className="text-xs text-espresso/70">
            Drafted {when.format(p.createdAt)} · written by {p.writtenBy === "rules" ? "rules (template)" : p.writtenBy} · why this product: {p.reason}
          </p>
          {children}
        </div>
      </article>
    </li>
  );

  return (
    <ManagerFrame shop={shop} tab="social">
      <section aria-labelledby="social-heading">
        <h2 id="social-heading" className="text-xl font-bold">
          Social posts
        </h2>
        <p className="mt-1 text-sm text-espresso/70">
          Each morning the social agent drafts today&apos;s special: the available product whose sales rose most over the last 7 days against the 7 before (no sales yet: the first by name),
          with its price and picture. Nothing is posted until a manager approves; approved posts are published to Mastodon and X with the picture (on X cut to 280 characters at a word, the link kept).
        </p>
        <p className="mt-2 text-sm font-semibold">
          {active.length === 0
            ? "No Mastodon or X connection for this shop: approved posts wait here until an admin connects one in Integrations."
            : `Publishing to ${active.map((c) => `${KIND_LABEL[c.kind]}: ${c.name}${c.account ? ` (${c.account})` : ""}${c.status === "BROKEN" ? " — needs a new token" : ""}`).join(", ")}`}
        </p>
      </section>

      <section aria-labelledby="waiting-heading" className="mt-6">
        <h2 id="waiting-heading" className="text-lg font-bold">
          Waiting for approval
        </h2>
        {drafted ? null : <DraftSpecialButton shopSlug={shop.slug} />}
        {waiting.length === 0 ? <p className="mt-2 text-sm text-espresso/70">No drafts waiting.</p> : <ul className="mt-3 grid gap-3">{waiting.map((p) => card(p, <PostApproval shopSlug={shop.slug} post={{ id: p.id, text: p.text, productName: p.productName }} />))}</ul>}
      </section>

      <section aria-labelledby="approved-heading" className="mt-6">
        <h2 id="approved-heading" className="text-lg font-bold">
          Approved, waiting to publish
        </h2>
        {approved.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">Nothing waiting to publish.</p>
        ) : (
          <ul className="mt-3 grid gap-3">
            {approved.map((p) =>
              card(
                p,
                <>
                  <p className="mt-2 text-sm whitespace-pre-wrap">{p.text}</p>
                  <p className="mt-2 text-sm font-semibold">
                    {p.state === "no_connection" && "Waiting: no Mastodon or X connection for this shop"}
                    {p.state === "not_sent" && "Not sent yet (approved before this shop had a Mastodon or X connection, or the worker has not picked it up)"}
                    {p.state === "publishing" && "Publishing…"}
                    {p.state === "held" && `Held: ${p.problem ?? "a connection needs a new token"}`}
                    {p.state === "failed" && `Failed: ${p.problem ?? "the service refused it"}`}
                  </p>
                  {p.state === "not_sent" ? <PublishNowButton shopSlug={shop.slug} proposalId={p.id} productName={p.productName} /> : null}
                </>,
              ),
            )}
          </ul>
        )}
      </section>

      <section aria-labelledby="published-heading" className="mt-6">
        <h2 id="published-heading" className="text-lg font-bold">
          Published
        </h2>
        {published.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">Nothing published yet.</p>
        ) : (
          <ul className="mt-3 grid gap-3">
            {published.map((p) =>
              card(
                p,
                <>
                  <p className="mt-2 text-sm whitespace-pre-wrap">{p.text}</p>
                  {p.links.map((link) => (
                    <p key={link.url} className="mt-2 text-sm">
                      <Badge tone="success">Published</Badge>{" "}
                      <a href={link.url} className="font-semibold underline" rel="noopener noreferrer" target="_blank">
                        Published on {link.service}: {link.url}
                      </a>
                    </p>
                  ))}
                </>,
              ),
            )}
          </ul>
        )}
      </section>

      <section aria-labelledby="closed-heading" className="mt-6">
        <h2 id="closed-heading" className="text-lg font-bold">
          Rejected and expired
        </h2>
        {closed.length === 0 ? (
          <p className="mt-2 text-sm text-espresso/70">None.</p>
        ) : (
          <ul className="mt-3 grid gap-3">{closed.map((p) => card(p, <p className="mt-2 text-sm text-espresso/70">{p.state === "rejected" ? "Rejected" : "Expired undecided"}</p>))}</ul>
        )}
      </section>

      <section aria-labelledby="draft-heading" className="mt-6">
        <h2 id="draft-heading" className="text-lg font-bold">
          Draft a post about a product
        </h2>
        <p className="mt-1 text-sm text-espresso/70">For a product that is new or back on the menu (available now, with its picture).</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {products.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2 rounded-xl bg-white px-3 py-2 ring-1 ring-espresso/10">
              <span className="text-sm font-semibold">{p.name}</span>
              <DraftPostButton shopSlug={shop.slug} productId={p.id} productName={p.name} />
            </li>
          ))}
        </ul>
      </section>
    </ManagerFrame>
  );
}
