import type { Metadata } from "next";
import { SessionAccountMenu } from "@/components/account/session-account-menu";
import { SiteHeader } from "@/components/shops/site-header";
import { adminAccess } from "../_components/admin-access";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { CLICKUP_EVENT } from "@/lib/integrations/clickup/tasks";
import { INTEGRATION_EVENTS } from "@/lib/integrations/events";
import { deliveryLog, listIntegrations } from "@/lib/integrations/store";
import { X_API_URL } from "@/lib/integrations/x/adapter";
import { X_CALLBACK_PATH } from "@/lib/integrations/x/oauth";
import { ConnectClickUpForm } from "./_components/connect-clickup-form";
import { ConnectMastodonForm } from "./_components/connect-mastodon-form";
import { AuthorizeXForm } from "./_components/authorize-x-form";
import { ConnectXForm } from "./_components/connect-x-form";
import { ConnectAirtableForm } from "./_components/connect-airtable-form";
import { ConnectSheetsForm } from "./_components/connect-sheets-form";
import { ConnectSlackForm } from "./_components/connect-slack-form";
import { DeliveryLog } from "./_components/delivery-log";
import { IntegrationCard } from "./_components/integration-card";

export const dynamic = "force-dynamic";

/** The one subscription of each kind other than Slack, in words. */
const SUBSCRIPTION_LABEL: Record<string, string> = {
  [CLICKUP_EVENT]: "The shops' tasks, status both ways",
  "social.post": "Approved social posts",
  "daily.sheet": "Each shop's day: sales, products, stock",
  "catalog.mirror": "The menus, options and recipes, on every change",
};
export const metadata: Metadata = { title: "Integrations · Admin", robots: { index: false } };

/** /admin/integrations — admins connect Slack and ClickUp, choose what they receive, test, pause, and read the delivery log. */
export default async function IntegrationsPage({ searchParams }: { searchParams: Promise<{ x_connected?: string; x_error?: string }> }) {
  const { x_connected: xConnected, x_error: xError } = await searchParams;
  const access = await adminAccess("/admin/integrations", "integrations:manage", "Only admins can manage integrations");
  if (!access.ok) return access.page;
  const [integrations, log, shops] = await Promise.all([listIntegrations(db()), deliveryLog(db(), { limit: 50 }), db().shop.findMany({ where: { active: true }, select: { id: true, name: true }, orderBy: { name: "asc" } })]);
  const shopName = new Map(shops.map((s) => [s.id, s.name]));
  const events = Object.entries(INTEGRATION_EVENTS).map(([value, label]) => ({ value, label }));
  return (
    <>
      <SiteHeader>
        <SessionAccountMenu />
      </SiteHeader>
      <main className="mx-auto max-w-4xl px-4 py-8">
        <h1 className="text-3xl font-bold tracking-tight">Integrations</h1>
        <p className="mt-1 text-espresso/70">Alerts, daily sales summaries and the shops&apos; tasks, sent to the services your team already uses.</p>

        <section className="mt-8 grid gap-4" aria-labelledby="connections">
          <h2 id="connections" className="text-xl font-semibold">
            Connections
          </h2>
          {integrations.length === 0 && <p className="text-espresso/70">Nothing connected yet.</p>}
          {integrations.map((i) => (
            <IntegrationCard key={i.id} shops={shops} events={events} integration={{ ...i, shopNames: i.shopIds.map((id) => shopName.get(id) ?? "an inactive shop"), eventLabels: i.events.map((e) => SUBSCRIPTION_LABEL[e] ?? INTEGRATION_EVENTS[e as keyof typeof INTEGRATION_EVENTS] ?? e) }} />
          ))}
        </section>

        <section className="mt-10" aria-labelledby="connect-slack">
          <h2 id="connect-slack" className="text-xl font-semibold">
            Connect Slack
          </h2>
          <p className="mt-1 text-sm text-espresso/70">Create a Slack app with the chat:write scope, install it, invite it to the channel, and paste its Bot User OAuth Token (xoxb-…). The token is stored encrypted and never shown again.</p>
          <ConnectSlackForm shops={shops} events={events} />
        </section>

        <section className="mt-10" aria-labelledby="connect-clickup">
          <h2 id="connect-clickup" className="text-xl font-semibold">
            Connect ClickUp
          </h2>
          <p className="mt-1 text-sm text-espresso/70">
            The shops&apos; tasks (from the task manager) appear in a ClickUp list and follow their status; a status changed in ClickUp by a manager of the shop (same confirmed email) changes the task here. Paste a personal API token (Settings → Apps, pk_…); it is stored encrypted and never shown again.
          </p>
          <ConnectClickUpForm shops={shops} />
        </section>

        <section className="mt-10" aria-labelledby="connect-mastodon">
          <h2 id="connect-mastodon" className="text-xl font-semibold">
            Connect Mastodon
          </h2>
          <p className="mt-1 text-sm text-espresso/70">
            Publishes the social posts managers approve on their Social screen, with the product&apos;s picture. On your instance: Preferences → Development → New application with the scopes
            read:accounts, write:statuses and write:media; paste its access token. The token is checked, stored encrypted and never shown again.
          </p>
          <ConnectMastodonForm shops={shops} />
        </section>

        <section className="mt-10" aria-labelledby="connect-x">
          <h2 id="connect-x" className="text-xl font-semibold">
            Connect X
          </h2>
          <p className="mt-1 text-sm text-espresso/70">
            Publishes the same approved social posts to an X account, with the product&apos;s picture, cut to X&apos;s 280 characters at a word (the link kept). Connect with X&apos;s consent
            page: the account&apos;s owner authorizes Go Coffee (scopes tweet.read, tweet.write, users.read, media.write and offline.access) and its tokens renew themselves. The API address
            stays {X_API_URL} unless you use a stand-in. Tokens are stored encrypted and never shown.
          </p>
          {xConnected ? (
            <p role="status" className="mt-3 text-sm font-semibold text-emerald-800">
              X connected as {xConnected}.
            </p>
          ) : null}
          {xError ? (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {xError}
            </p>
          ) : null}
          <AuthorizeXForm shops={shops} defaultApiUrl={X_API_URL} callbackUrl={new URL(X_CALLBACK_PATH, env().APP_URL).toString()} />
          <h3 className="mt-6 font-semibold">Or paste a user access token</h3>
          <p className="mt-1 text-sm text-espresso/70">A token made elsewhere (OAuth 2.0, same scopes): it is checked with X, but it cannot renew itself, so posts wait after about two hours until it is replaced.</p>
          <ConnectXForm shops={shops} defaultApiUrl={X_API_URL} />
        </section>

        <section className="mt-10" aria-labelledby="connect-sheets">
          <h2 id="connect-sheets" className="text-xl font-semibold">
            Connect Google Sheets
          </h2>
          <p className="mt-1 text-sm text-espresso/70">
            Each shop&apos;s day (orders, takings, tips, what each product sold and the stock on hand) is written to its own tab after the shop&apos;s midnight; writing a day again replaces its rows. In
            Google Cloud: IAM → Service accounts → Keys → Add key → JSON; share the spreadsheet with the account&apos;s address as an Editor. The key is checked, stored encrypted and never shown again.
          </p>
          <ConnectSheetsForm shops={shops} />
        </section>

        <section className="mt-10" aria-labelledby="connect-airtable">
          <h2 id="connect-airtable" className="text-xl font-semibold">
            Connect Airtable
          </h2>
          <p className="mt-1 text-sm text-espresso/70">
            The shops&apos; menus (price and availability per shop), their options and every product&apos;s recipe are mirrored to three tables (Menu, Options, Recipes), made in the base when missing; each
            menu change updates them. On airtable.com: Builder hub → Personal access tokens → Create token with the scopes shown and access to the base. The token is checked, stored encrypted and
            never shown again.
          </p>
          <ConnectAirtableForm shops={shops} />
        </section>

        <section className="mt-10" aria-labelledby="delivery-log">
          <h2 id="delivery-log" className="text-xl font-semibold">
            Delivery log
          </h2>
          <DeliveryLog entries={log.map((e) => ({ ...e, createdAt: e.createdAt.toISOString(), deliveredAt: e.deliveredAt?.toISOString() ?? null }))} waiting={log.some((e) => e.status === "PENDING")} />
        </section>
      </main>
    </>
  );
}
